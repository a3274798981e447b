#include "manifest/interpolate.hpp"

#include <fmt/format.h>

namespace flocker {

namespace {

bool is_name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

Result<std::string> substitute(const std::string& name, std::string_view op, std::string_view arg,
                               const EnvLookup& env) {
  const auto value = env(name);
  const bool colon = !op.empty() && op.front() == ':';
  const bool missing = !value || (colon && value->empty());
  const char kind = op.empty() ? '\0' : op.back();
  if (kind == '-') return missing ? std::string(arg) : *value;
  if (kind == '?') {
    if (!missing) return *value;
    return fail(fmt::format("environment variable {} is {}: {}", name, value ? "empty" : "not set",
                            arg.empty() ? "it is required" : std::string(arg)));
  }
  if (!value)
    return fail(fmt::format("environment variable {} is not set", name),
                fmt::format("set it in flocker's environment and allow the manifest to read it with "
                            "--allow-env {0} or FLOCKER_ALLOW_ENV={0}, or give a default: ${{{0}:-value}}",
                            name));
  return *value;
}

}  // namespace

Result<std::string> interpolate(std::string_view text, const EnvLookup& env, InterpolationSyntax syntax,
                                bool secret) {
  // An error quotes the value so that it can be found, unless the value is a
  // secret: then it says only what is wrong (the caller names the variable).
  const auto the_value = [&](std::string_view quoted) {
    return secret ? std::string("the value (a secret, not shown)") : fmt::format("\"{}\"", quoted);
  };
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$') {
      out += text[i];
      continue;
    }
    if (syntax == InterpolationSyntax::Braced) {
      const auto rest = text.substr(i);
      if (rest.starts_with("$${")) {
        out += "${";
        i += 2;
        continue;
      }
      if (!rest.starts_with("${")) {
        out += '$';
        continue;
      }
    }
    if (i + 1 < text.size() && text[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (i + 1 < text.size() && is_name_start(text[i + 1])) {
      size_t end = i + 1;
      while (end < text.size() && is_name_char(text[end])) ++end;
      auto value = substitute(std::string(text.substr(i + 1, end - i - 1)), "", "", env);
      // In a secret, "pa$ss" is more likely a password with a '$' than a
      // reference: the name would be a piece of it. ${NAME} is deliberate.
      if (!value && secret)
        return fail(fmt::format("{} has a '$' followed by a name that is not a set environment variable",
                                the_value(text)),
                    "write $$ for a literal '$', or ${NAME} for a variable");
      if (!value) return value;
      out += *value;
      i = end - 1;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '{') {
      const size_t close = text.find('}', i + 2);
      if (close == std::string_view::npos)
        return fail(fmt::format("{} has a '${{' without its closing '}}'", the_value(text)),
                    "write $${ for a literal '${'");
      const auto inner = text.substr(i + 2, close - i - 2);
      size_t name_end = 0;
      while (name_end < inner.size() && is_name_char(inner[name_end])) ++name_end;
      const auto name = inner.substr(0, name_end);
      auto rest = inner.substr(name_end);
      std::string_view op;
      if (rest.starts_with(":-") || rest.starts_with(":?"))
        op = rest.substr(0, 2);
      else if (rest.starts_with("-") || rest.starts_with("?"))
        op = rest.substr(0, 1);
      if (name.empty() || !is_name_start(name.front()) || (op.empty() && !rest.empty()))
        return fail(
            secret
                ? fmt::format("{} has a '${{...}}' that is not a valid reference to an environment variable",
                              the_value(text))
                : fmt::format("\"${{{}}}\" is not a valid reference to an environment variable", inner),
            "write ${NAME}, ${NAME:-default} or ${NAME:?message}; $$ is a literal '$'");
      auto value = substitute(std::string(name), op, rest.substr(op.size()), env);
      if (!value) return value;
      out += *value;
      i = close;
      continue;
    }
    return fail(fmt::format("{} has a '$' that starts no variable", the_value(text)),
                "write $$ for a literal '$'");
  }
  return out;
}

std::string describe_interpolation_error(std::string_view what, const Error& error) {
  auto message = fmt::format("{}: {}", what, error.message);
  if (!error.hint.empty()) message += fmt::format(" ({})", error.hint);
  return message;
}

}  // namespace flocker
