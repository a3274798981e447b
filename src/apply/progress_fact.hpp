#pragma once
// What a running step reports between its start and its end, as facts
// (phase, dataset, nodes, bytes, seconds) rather than sentences: cli/ words
// them for people and for JSON events (cli/progress_text.cpp), so the
// wording lives in one place above the code that acts.
#include <string>

namespace flocker {

enum class ProgressKind {
  SendEstimate,         // `zfs send -nvP` sized the stream of dataset: total_bytes
  Sending,              // a stream's running count: bytes of total_bytes (0: unknown), seconds since it began
  Sent,                 // a stream ended after seconds: bytes as sent (0: not counted), wire_bytes relayed
  Resuming,             // the interrupted receive into dataset on node is completed: bytes left
  DroppingPartial,      // the interrupted receive into dataset on node cannot be resumed (detail: why)
  Held,                 // snapshot of dataset was held on node and other_node, with tag name
  HoldNotReleased,      // warning: the hold on snapshot (dataset@snapshot) on node stays; command releases it
  Stopping,             // the container name stops on node: the downtime begins
  ContainerNotRemoved,  // warning: the stopped container name on node could not be removed (detail: why)
  Downtime,             // the application name runs on node, after seconds stopped
  Replicated,           // the replica on node of the application name holds snapshot, sent in seconds
  Warning,              // warning: detail (a cleanup that failed, already worded as an error)
};

struct ProgressFact {
  ProgressKind kind = ProgressKind::Sending;
  std::string phase;       // the stream: "pre-copy", "final increment", "resume", "replica"
  std::string dataset;     // a stream's source; the target of Resuming and DroppingPartial
  std::string node;        // where it happens (Sent: the target)
  std::string other_node;  // Held: the other end
  std::string snapshot;
  std::string name;  // Held: the tag; Stopping, ContainerNotRemoved: the container; Downtime: the application
  unsigned long long bytes = 0;
  unsigned long long total_bytes = 0;
  unsigned long long wire_bytes = 0;  // Sent by relay: the bytes flocker carried (compressed, if so)
  double seconds = 0;
  std::string detail;   // why
  std::string command;  // HoldNotReleased: the command that releases it
};

}  // namespace flocker
