// One service of a compose file: its keys through one FieldTable, then the
// checks that need all of them (image, memory limit, secrets).
#include <fmt/format.h>

#include <algorithm>

#include "manifest/compose_keys.hpp"
#include "manifest/compose_reader.hpp"
#include "manifest/field_table.hpp"
#include "manifest/interpolate_compose.hpp"
#include "manifest/names.hpp"
#include "manifest/read_port.hpp"

namespace flocker {

void ComposeReader::service(const std::string& name, const YAML::Node& key, const YAML::Node& original) {
  const YAML::Node value = with_merge_keys(original);
  // A compose file arrives interpolated; a fig-style one is Flocker 0.x's,
  // which reads ${...} in environment and image only.
  ComposeService service{
      .app = AppSpec{.name = name, .where = reader.at(key)},
      .fields =
          AppFieldReader{reader, env, name, fig ? std::optional(InterpolationSyntax::Braced) : std::nullopt},
      .secret_names = compose_secret_names(value),
  };
  if (auto why = check_app_name(name))
    reader.error(key, fmt::format("invalid service name \"{}\": {}", name, *why));
  const auto where = fmt::format("service \"{}\"", name);
  if (!value.IsMap()) {
    reader.error(value, fmt::format("{} must be a mapping, found {}", where, yaml_kind(value)));
    return;
  }
  service_fields(service, value);
  if (!service.has_image) reader.error(key, fmt::format("service \"{}\" needs an image", name));
  memory_limit(service, where);
  secrets(service);
  part.applications.push_back(std::move(service.app));
}

void ComposeReader::service_fields(ComposeService& service, const YAML::Node& value) {
  AppSpec& app = service.app;
  const std::string& name = app.name;
  const auto where = fmt::format("service \"{}\"", name);
  auto what = [&](std::string_view field) { return fmt::format("\"{}\" of service \"{}\"", field, name); };
  auto each = [&](std::string_view field, auto read) -> FieldHandler {
    return [&, field, read](const YAML::Node&, const YAML::Node& list) {
      if (!list.IsSequence()) return reader.error(list, fmt::format("{} must be a list", what(field)));
      for (const auto& item : list) read(item);
    };
  };
  FieldTable table{{
      {"image",
       [&](const YAML::Node&, const YAML::Node& v) {
         service.has_image = true;
         service.fields.image(v, what("image"), app);
       }},
      {"command",
       [&](const YAML::Node&, const YAML::Node& v) {
         app.command = reader.command_value(v, what("command")).value_or(std::vector<std::string>{});
       }},
      {"entrypoint",
       [&](const YAML::Node&, const YAML::Node& v) {
         app.entrypoint =
             v.IsNull() ? std::vector<std::string>{}
                        : reader.command_value(v, what("entrypoint")).value_or(std::vector<std::string>{});
       }},
      {"environment", [&](const YAML::Node&, const YAML::Node& v) { environment(service, v); }},
      {"ports", each("ports",
                     [&](const YAML::Node& item) {
                       if (item.IsMap())
                         read_port_mapping(reader, item, fmt::format("a port of service \"{}\"", name),
                                           kComposePortKeys, app);
                       else
                         read_port_text(reader, item, app);
                     })},
      {"volumes", each("volumes", [&](const YAML::Node& item) { volume(item, app); })},
      {"links", [&](const YAML::Node&, const YAML::Node& v) { links(service, v, what("links")); }},
      {"depends_on",
       [&](const YAML::Node&, const YAML::Node& v) { depends_on(service, v, what("depends_on")); }},
      {"restart", [&](const YAML::Node&, const YAML::Node& v) { app.restart = restart(v, name); }},
      {"mem_limit", [&](const YAML::Node&, const YAML::Node& v) { service.mem_limit_node.emplace(v); }},
      {"cpu_shares", service.fields.field("cpu_shares", app)},
      {"labels", [&](const YAML::Node&, const YAML::Node& v) { labels(service, v, what("labels")); }},
      {"deploy",
       [&](const YAML::Node&, const YAML::Node& v) { service.deploy_memory_node = deploy_memory(v, where); }},
      {"stop_grace_period",
       [&](const YAML::Node&, const YAML::Node& v) { app.stop_timeout = duration_seconds(v, name); }},
      {"x-flocker",
       [&](const YAML::Node&, const YAML::Node& v) {
         auto flocker_what = [&](std::string_view field) {
           return fmt::format("x-flocker.{} of service \"{}\"", field, name);
         };
         read_fields(
             reader, v, fmt::format("x-flocker of service \"{}\"", name),
             {{
                 {"secrets", [&](const YAML::Node&,
                                 const YAML::Node& secrets) { service.secrets_node.emplace(secrets); }},
                 {"replicas",
                  [&](const YAML::Node&, const YAML::Node& replicas) {
                    service.fields.replicas(replicas, flocker_what("replicas"), app);
                  }},
                 {"max_lag",
                  [&](const YAML::Node&, const YAML::Node& max_lag) {
                    service.fields.max_lag(max_lag, flocker_what("max_lag"), app);
                  }},
             }});
       }},
  }};
  // Extensions are for other tools; any other key is refused with why.
  table.other = [&](const std::string& field, const YAML::Node& field_key, const YAML::Node&) {
    if (!field.starts_with("x-")) reader.error(field_key, refused_service_key(field, where));
  };
  read_fields(reader, value, where, table);
}

void ComposeReader::links(ComposeService& service, const YAML::Node& node, const std::string& what) {
  if (!node.IsSequence())
    return reader.error(node, fmt::format("{} must be a list, found {}", what, yaml_kind(node)));
  for (const auto& item : node) {  // each link's errors point at its entry
    auto link = reader.string_value(item, fmt::format("each entry of {}", what));
    if (!link) continue;
    auto colon = link->find(':');
    auto target = link->substr(0, colon);
    pending_links.push_back({service.app.name, target,
                             colon == std::string::npos ? target : link->substr(colon + 1), reader.at(item)});
  }
}

void ComposeReader::depends_on(ComposeService& service, const YAML::Node& node, const std::string& what) {
  AppSpec& app = service.app;
  if (!node.IsMap()) {
    app.depends_on = reader.string_list(node, what).value_or(std::vector<std::string>{});
    return;
  }
  reader.for_each_entry(node, what, [&](const std::string& other, const YAML::Node&, const YAML::Node& how) {
    app.depends_on.push_back(other);
    dependency_condition(app.name, other, how);
  });
}

// mem_limit, or deploy.resources.limits.memory (version 3's way), not both.
void ComposeReader::memory_limit(ComposeService& service, const std::string& where) {
  if (service.mem_limit_node && service.deploy_memory_node)
    reader.error(
        *service.deploy_memory_node,
        fmt::format("service \"{}\" sets its memory limit twice, here and in mem_limit at {}: give one",
                    service.app.name, format_location(reader.at(*service.mem_limit_node))));
  else if (service.mem_limit_node)
    service.app.mem_limit =
        service.fields.memory_limit(*service.mem_limit_node, fmt::format("\"mem_limit\" of {}", where));
  else if (service.deploy_memory_node)
    service.app.mem_limit = service.fields.memory_limit(
        *service.deploy_memory_node, fmt::format("deploy.resources.limits.memory of {}", where));
}

}  // namespace flocker
