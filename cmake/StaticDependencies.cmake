# FLOCKER_STATIC: one binary. Every third-party library is linked statically;
# only the C library family (libc, libm, the dynamic loader) stays dynamic.
# Why not fully static, and why libssh is built here: docs/ARCHITECTURE.md,
# "Building".
#
# Defines FLOCKER_SSH_LIBRARIES, FLOCKER_YAML_LIBRARIES, FLOCKER_FMT_LIBRARIES
# and FLOCKER_STATIC_LINK_OPTIONS for the top-level CMakeLists.txt.
include(ExternalProject)

set(FLOCKER_LIBSSH_SOURCE_DIR "" CACHE PATH
    "libssh source tree (Debian's source package, see scripts/package) built here without GSSAPI")
if(NOT EXISTS "${FLOCKER_LIBSSH_SOURCE_DIR}/CMakeLists.txt")
  message(FATAL_ERROR "FLOCKER_STATIC needs -DFLOCKER_LIBSSH_SOURCE_DIR=<libssh source tree>; "
                      "scripts/package fetches Debian's (apt-get source libssh) and passes it.")
endif()

# libssh: Debian's libssh.a is built with GSSAPI, whose libraries (MIT krb5)
# Debian ships only as shared objects. The same source, built as Debian builds
# it but with WITH_GSSAPI=OFF, needs nothing beyond libcrypto and zlib.
# Built once per build directory (about a minute), then reused.
set(libssh_prefix ${CMAKE_BINARY_DIR}/libssh-static)
ExternalProject_Add(libssh_static
  SOURCE_DIR ${FLOCKER_LIBSSH_SOURCE_DIR}
  BINARY_DIR ${CMAKE_BINARY_DIR}/libssh-static-build
  INSTALL_DIR ${libssh_prefix}
  CMAKE_ARGS
    -DCMAKE_BUILD_TYPE=Release
    "-DCMAKE_C_FLAGS=-fstack-protector-strong -D_FORTIFY_SOURCE=2"
    -DCMAKE_POSITION_INDEPENDENT_CODE=ON
    -DCMAKE_INSTALL_PREFIX=<INSTALL_DIR>
    -DCMAKE_INSTALL_LIBDIR=lib
    -DBUILD_SHARED_LIBS=OFF
    -DWITH_GSSAPI=OFF
    -DWITH_EXAMPLES=OFF
    -DUNIT_TESTING=OFF
  BUILD_BYPRODUCTS ${libssh_prefix}/lib/libssh.a
  UPDATE_COMMAND ""
  LOG_CONFIGURE ON LOG_BUILD ON LOG_INSTALL ON LOG_OUTPUT_ON_FAILURE ON)
file(MAKE_DIRECTORY ${libssh_prefix}/include)  # an imported target's include dir must exist at configure time

set(OPENSSL_USE_STATIC_LIBS TRUE)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
set(ZLIB_USE_STATIC_LIBS TRUE)
find_package(ZLIB REQUIRED)

add_library(flocker_static_libssh STATIC IMPORTED)
set_target_properties(flocker_static_libssh PROPERTIES
  IMPORTED_LOCATION ${libssh_prefix}/lib/libssh.a
  INTERFACE_INCLUDE_DIRECTORIES ${libssh_prefix}/include
  INTERFACE_LINK_LIBRARIES "OpenSSL::Crypto;ZLIB::ZLIB;Threads::Threads")
add_dependencies(flocker_static_libssh libssh_static)
set(FLOCKER_SSH_LIBRARIES flocker_static_libssh)

# yaml-cpp: Debian ships libyaml-cpp.a next to the .so, but its CMake package
# names only the .so.
find_package(yaml-cpp REQUIRED)
find_library(FLOCKER_YAML_CPP_ARCHIVE NAMES libyaml-cpp.a REQUIRED)
get_target_property(yaml_cpp_includes yaml-cpp INTERFACE_INCLUDE_DIRECTORIES)
add_library(flocker_static_yaml_cpp STATIC IMPORTED)
set_target_properties(flocker_static_yaml_cpp PROPERTIES
  IMPORTED_LOCATION ${FLOCKER_YAML_CPP_ARCHIVE}
  INTERFACE_INCLUDE_DIRECTORIES "${yaml_cpp_includes}")
set(FLOCKER_YAML_LIBRARIES flocker_static_yaml_cpp)

# fmt: Debian ships only libfmt.so; its header-only mode compiles fmt in.
set(FLOCKER_FMT_LIBRARIES fmt::fmt-header-only)

# The C++ runtime is not the C library: link libstdc++ and libgcc in too.
set(FLOCKER_STATIC_LINK_OPTIONS -static-libstdc++ -static-libgcc)
