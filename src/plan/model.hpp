#pragma once
// A plan: the ordered steps that bring the nodes to the manifest, each with
// the reason it exists.
#include <map>
#include <string>
#include <vector>

#include "remote/docker_commands.hpp"

namespace flocker {

enum class StepKind {
  CreateRoot,        // + flocker's root dataset on a node
  CreateDataset,     // + a volume's dataset
  RunContainer,      // + a new container
  StartContainer,    // ~ an existing, stopped container with the right configuration
  ReplaceContainer,  // -/+ configuration drift: remove and run again; the data stays
  RemoveContainer,   // - a container the manifest no longer deploys there; the data stays
};

std::string_view step_symbol(StepKind kind);
std::string_view step_kind_name(StepKind kind);  // "create_dataset", for JSON

struct VolumeBinding {
  std::string dataset;
  std::string mountpoint;  // inside the container
};

struct ContainerRun {
  std::string name;
  std::string image;
  std::vector<std::string> command;
  std::map<std::string, std::string> environment;
  std::vector<VolumeBinding> volumes;
  std::map<std::string, std::string> labels;
};

struct Step {
  StepKind kind;
  std::string node;
  std::string app;        // empty for CreateRoot
  std::string target;     // the dataset or container the step acts on
  std::string reason;     // why the step exists
  std::vector<std::string> changes;            // ReplaceContainer: "image: a → b"
  std::map<std::string, std::string> properties;  // CreateDataset: ZFS properties to set
  ContainerRun run;       // RunContainer and ReplaceContainer: what to start
};

struct Plan {
  std::vector<Step> steps;  // in order; steps of one node run in this order
  std::vector<std::string> notes;  // things left alone on purpose, e.g. kept data

  bool empty() const { return steps.empty(); }
};

struct PlanSummary {
  int add = 0;
  int change = 0;
  int replace = 0;
  int remove = 0;
};

PlanSummary summarize(const Plan& plan);

}  // namespace flocker
