# `cmake --install` and `cpack`: the binary, the man page and the shell
# completions in the places each tool looks by default.
include(GNUInstallDirs)

install(TARGETS flocker RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The man page: man/flocker.1.in with its .TH filled in, the version from
# project() and the date of the page's last commit (so that a release build
# is reproducible), into build/flocker.1. configure_file reruns when the
# source changes; a date without git: SOURCE_DATE_EPOCH, else today.
execute_process(
  COMMAND git log -1 --format=%cs -- man/flocker.1.in
  WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
  OUTPUT_VARIABLE FLOCKER_MAN_DATE
  OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_QUIET)
if(NOT FLOCKER_MAN_DATE)
  string(TIMESTAMP FLOCKER_MAN_DATE "%Y-%m-%d" UTC)
endif()
set(FLOCKER_MAN_PAGE ${CMAKE_BINARY_DIR}/flocker.1)
configure_file(man/flocker.1.in ${FLOCKER_MAN_PAGE} @ONLY)

# man-db reads plain and gzipped pages alike; Debian's policy wants them
# gzipped (-n: no name or time stamp, so the package is reproducible).
set(FLOCKER_MAN_GZ ${CMAKE_BINARY_DIR}/flocker.1.gz)
add_custom_command(OUTPUT ${FLOCKER_MAN_GZ}
  COMMAND gzip -9 -n -c ${FLOCKER_MAN_PAGE} > ${FLOCKER_MAN_GZ}
  DEPENDS ${FLOCKER_MAN_PAGE}
  COMMENT "Compressing the man page")
add_custom_target(flocker_man_page ALL DEPENDS ${FLOCKER_MAN_GZ})
install(FILES ${FLOCKER_MAN_GZ} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# bash-completion loads completions/<command> on demand.
install(FILES completions/flocker.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME flocker)
# zsh: Debian's zsh searches /usr/share/zsh/vendor-completions for packages and
# /usr/local/share/zsh/site-functions for local installs. Decided at install
# time, as `cmake --install --prefix` and cpack's staging change the prefix.
install(CODE "set(flocker_zsh_completion \"${CMAKE_CURRENT_SOURCE_DIR}/completions/_flocker\")")
install(CODE [[
  if(CMAKE_INSTALL_PREFIX MATCHES "(^|/)usr/?$")
    set(flocker_zsh_dir "${CMAKE_INSTALL_PREFIX}/share/zsh/vendor-completions")
  else()
    set(flocker_zsh_dir "${CMAKE_INSTALL_PREFIX}/share/zsh/site-functions")
  endif()
  file(INSTALL DESTINATION "${flocker_zsh_dir}" TYPE FILE FILES "${flocker_zsh_completion}")
]])
# fish: vendor_completions.d in /usr/share and in each of $XDG_DATA_DIRS
# (login sessions list /usr/local/share there).
install(FILES completions/flocker.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

# cpack: a .deb. Its Depends come from dpkg-shlibdeps, i.e. from what the
# binary really links: with FLOCKER_STATIC, libc6 alone. The client needs
# nothing else (the nodes need sshd, zfs and docker, not this machine).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME flocker)
set(CPACK_PACKAGE_VENDOR "flocker")
set(CPACK_PACKAGE_CONTACT "flocker maintainers <flocker@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "run Docker applications on your hosts, with their data in ZFS, over SSH")
set(CPACK_PACKAGE_DESCRIPTION "\
flocker makes a set of Linux hosts run the Docker containers a YAML\n\
manifest asks for, each with its data in its own ZFS dataset, and moves\n\
the data with the container (incremental zfs send over SSH). It is\n\
agentless: the hosts need only sshd, zfs and docker. `flocker plan` shows\n\
what would change, `flocker apply` does it.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# ssh-agent and ssh-keygen manage the keys flocker logs in with, and a
# ProxyCommand in ~/.ssh/config usually runs `ssh -W`: useful, not needed.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "openssh-client")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
include(CPack)
