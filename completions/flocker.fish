# fish completion for flocker: subcommands, their flags, and manifest files
# (*.yaml, *.yml). Installed in fish/vendor_completions.d; `source` it to try
# it out. tests/completion/completion_test.sh keeps it true to `flocker --help`.

set -l commands status plan show apply replicate validate force-unlock version
set -l with_manifest status plan apply replicate force-unlock

# Manifest files, and directories to reach them.
function __flocker_manifests
    set -l token (commandline -ct)
    for file in $token*.yaml $token*.yml
        test -f $file; and printf '%s\tmanifest\n' $file
    end
    if __fish_seen_subcommand_from apply
        for file in $token*.plan
            test -f $file; and printf '%s\tsaved plan\n' $file
        end
    end
    for dir in $token*/
        printf '%s\n' $dir
    end
end

complete -c flocker -f
complete -c flocker -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'Show help and an example'
complete -c flocker -n "not __fish_seen_subcommand_from $commands" -l version -d 'Show the version'
complete -c flocker -n "not __fish_seen_subcommand_from $commands" -a status -d 'Show what runs where, with which data'
complete -c flocker -n "not __fish_seen_subcommand_from $commands" -a plan -d 'Show the actions that would bring the nodes to the manifest'
complete -c flocker -n "not __fish_seen_subcommand_from $commands" -a show -d 'Show a saved plan without touching any node'
complete -c flocker -n "not __fish_seen_subcommand_from $commands" -a apply -d 'Bring the nodes to the manifest, or apply a saved plan'
complete -c flocker -n "not __fish_seen_subcommand_from $commands" -a replicate -d 'Refresh the replicas that are due (replicas, max_lag)'
complete -c flocker -n "not __fish_seen_subcommand_from $commands" -a validate -d 'Check manifest files without contacting any node'
complete -c flocker -n "not __fish_seen_subcommand_from $commands" -a force-unlock -d "Remove a node's lock left by a flocker that died"
complete -c flocker -n "not __fish_seen_subcommand_from $commands" -a version -d "Show flocker's version"

complete -c flocker -n "__fish_seen_subcommand_from $commands" -s h -l help -d 'Show help and an example'
complete -c flocker -n "__fish_seen_subcommand_from $with_manifest" -a '(__flocker_manifests)'
complete -c flocker -n "__fish_seen_subcommand_from $with_manifest" -l ssh-config -r -F -d 'Read this SSH config, like ssh -F'
complete -c flocker -n "__fish_seen_subcommand_from $with_manifest" -l allow-env -x -a '(set -n)' -d 'Let the manifest read this variable'
complete -c flocker -n "__fish_seen_subcommand_from $with_manifest" -l no-color -d 'Never colour the output'
complete -c flocker -n "__fish_seen_subcommand_from $with_manifest" -l parallelism -x -a '1 2 4 8 10 16 32' -d 'Nodes handled at once'
complete -c flocker -n "__fish_seen_subcommand_from status plan show apply replicate validate" -l json -d 'Print JSON'
complete -c flocker -n "__fish_seen_subcommand_from show validate" -l no-color -d 'Never colour the output'
complete -c flocker -n "__fish_seen_subcommand_from validate" -l allow-env -x -a '(set -n)' -d 'Let the manifest read this variable'
complete -c flocker -n "__fish_seen_subcommand_from validate" -a '(__flocker_manifests)'
complete -c flocker -n "__fish_seen_subcommand_from show" -F -d 'saved plan'
complete -c flocker -n "__fish_seen_subcommand_from plan" -s o -l out -r -F -d 'Also save the plan to FILE'
complete -c flocker -n "__fish_seen_subcommand_from plan apply" -l target -x -d 'Plan only this application'
complete -c flocker -n "__fish_seen_subcommand_from plan apply" -l allow-destroy -d 'Destroy the data of applications no longer in the manifest'
complete -c flocker -n "__fish_seen_subcommand_from plan" -l detailed-exitcode -d 'Exit 2 when there are changes'
complete -c flocker -n "__fish_seen_subcommand_from status" -l check -d 'Exit 3 when a replica is behind its max_lag'
complete -c flocker -n "__fish_seen_subcommand_from apply" -l auto-approve -d 'Apply without asking for confirmation'
complete -c flocker -n "__fish_seen_subcommand_from apply" -l lock-timeout -x -a '0 30 60 300' -d "Seconds to wait for another flocker's lock"
complete -c flocker -n "__fish_seen_subcommand_from replicate" -l all -d 'Refresh every replica, due or not'
complete -c flocker -n "__fish_seen_subcommand_from replicate" -l every -x -a '30s 1m 5m 15m 1h' -d 'Run a pass every DURATION until stopped'
complete -c flocker -n "__fish_seen_subcommand_from replicate" -l metrics-file -r -F -d 'After each pass, write Prometheus metrics to FILE'
