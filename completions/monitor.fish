function __monitor_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __monitor_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __monitor_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __monitor_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __monitor_parse_tokens -S
    set -l unparsed_tokens (__monitor_tokens -pc)
    switch $unparsed_tokens[1]
    case 'monitor'
        __monitor_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'run'
            __monitor_parse_subcommand 0 'config=' 'state-dir=' 'log-level=' 'idle-after=' 'version' 'h/help'
        case 'check'
            __monitor_parse_subcommand 0 'state-dir=' 'site=' 'url=' 'contact=' 'timeout=' 'max-body=' 'suspect-loss=' 'version' 'h/help'
        case 'diff'
            __monitor_parse_subcommand 0 'state-dir=' 'since=' 'until=' 'site=' 'kind=' 'events' 'format=' 'version' 'h/help'
        case 'history'
            __monitor_parse_subcommand 0 'state-dir=' 'site=' 'format=' 'version' 'h/help'
        case 'import'
            __monitor_parse_subcommand 0 'state-dir=' 'site=' 'url=' 'dir=' 'git=' 'path=' 'version' 'h/help'
        case 'archive'
            __monitor_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'verify'
                __monitor_parse_subcommand 0 'state-dir=' 'version' 'h/help'
            case 'export'
                __monitor_parse_subcommand 0 'state-dir=' 'site=' 'out=' 'version' 'h/help'
            case 'gc'
                __monitor_parse_subcommand 0 'state-dir=' 'include-recent' 'version' 'h/help'
            end
        case 'extract'
            __monitor_parse_subcommand 1 'format=' 'base-url=' 'site=' 'config=' 'explain' 'version' 'h/help'
        case 'compare'
            __monitor_parse_subcommand 2 'format=' 'base-url=' 'version' 'h/help'
        case 'config'
            __monitor_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'check'
                __monitor_parse_subcommand 0 'config=' 'version' 'h/help'
            end
        case 'webhook'
            __monitor_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'test'
                __monitor_parse_subcommand 0 'config=' 'endpoint=' 'url=' 'secret=' 'version' 'h/help'
            case 'list'
                __monitor_parse_subcommand 0 'state-dir=' 'failed' 'format=' 'version' 'h/help'
            case 'redeliver'
                __monitor_parse_subcommand 1 'state-dir=' 'config=' 'version' 'h/help'
            end
        case 'serve'
            __monitor_parse_subcommand 0 'state-dir=' 'config=' 'listen=' 'log-level=' 'version' 'h/help'
        case 'feed'
            __monitor_parse_subcommand 0 'state-dir=' 'site=' 'out=' 'limit=' 'base-url=' 'version' 'h/help'
        case 'digest'
            __monitor_parse_subcommand 0 'state-dir=' 'since=' 'until=' 'format=' 'version' 'h/help'
        case 'help'
            __monitor_parse_subcommand -r 1 'version'
        end
    end
end

function __monitor_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __monitor_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __monitor_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __monitor_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__monitor_tokens -p)
    if test -z "$(__monitor_tokens -t)"
        set -l index (count (__monitor_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'monitor' -f
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor" -eq 1' -fa 'run' -d 'Watch the configured sites until stopped (the systemd service runs this).'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor" -eq 1' -fa 'check' -d 'Check sites now: fetch, extract, store a snapshot and report what changed.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor" -eq 1' -fa 'diff' -d 'Show what changed on the watched pages since a time, as papers, talks and members.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor" -eq 1' -fa 'history' -d 'List stored snapshots: time, outcome, content hash and entry counts.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor" -eq 1' -fa 'import' -d 'Back-fill a site\'s history from saved pages or from a git repository.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor" -eq 1' -fa 'archive' -d 'Verify, export or clean up the archive of raw pages.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor" -eq 1' -fa 'extract' -d 'Print the publications, talks and members a homepage shows.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor" -eq 1' -fa 'compare' -d 'Show the papers, talks and members added, changed or removed between two pages.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor" -eq 1' -fa 'config' -d 'Check the configuration file.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor" -eq 1' -fa 'webhook' -d 'Send a test notification, list deliveries, or send one again.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor" -eq 1' -fa 'serve' -d 'Serve feeds, pages, the JSON API and metrics from the store (read-only).'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor" -eq 1' -fa 'feed' -d 'Write the Atom feed of changes (every site, or one) to standard output or a file.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor" -eq 1' -fa 'digest' -d 'Print what changed on every site since a time, as text, Markdown or HTML.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor run" config' -l 'config' -d 'The configuration file.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor run" state-dir' -l 'state-dir' -d 'Where the database and page archive live.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor run" log-level' -l 'log-level' -d 'trace, debug, info, notice, warning or error.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor run" idle-after' -l 'idle-after' -d 'Go idle (monitor-idle) when nothing is due for this long, e.g. 5m; 0 never does.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor run" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor check" state-dir' -l 'state-dir' -d 'Where the database and page archive live.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor check" site' -l 'site' -d 'The site\'s id, a slug such as jdoe-mit.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor check" url' -l 'url' -d 'The page\'s URL; adds the site (needs --site).' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor check" contact' -l 'contact' -d 'A URL or e-mail for site owners, sent in the User-Agent.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor check" timeout' -l 'timeout' -d 'Seconds allowed for each fetch, body included.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor check" max-body' -l 'max-body' -d 'The largest page accepted, in bytes after decompression.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor check" suspect-loss' -l 'suspect-loss' -d 'Hold changes as suspect when a kind loses more than this fraction of its entries.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor check" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor diff" state-dir' -l 'state-dir' -d 'Where the database and page archive live.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor diff" since' -l 'since' -d 'The start of the window.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor diff" until' -l 'until' -d 'The end of the window (default: now).' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor diff" site' -l 'site' -d 'Only this site.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor diff" kind' -l 'kind' -d 'Only these kinds, comma-separated: publication, talk, member.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor diff" events' -l 'events' -d 'List each change with the time it was detected, instead of the net change.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor diff" format' -l 'format' -d 'Output format: text, markdown or json.' -rfka 'text json markdown'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor diff" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor history" state-dir' -l 'state-dir' -d 'Where the database and page archive live.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor history" site' -l 'site' -d 'Only this site.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor history" format' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor history" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor history" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor import" state-dir' -l 'state-dir' -d 'Where the database and page archive live.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor import" site' -l 'site' -d 'The site\'s id.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor import" url' -l 'url' -d 'The site\'s URL, to add it (relative links resolve against it).' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor import" dir' -l 'dir' -d 'A directory of saved .html pages.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor import" git' -l 'git' -d 'A git repository holding the page\'s history.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor import" path' -l 'path' -d 'The page\'s path inside the git repository (with --git).' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor import" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor archive" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor archive" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor archive" -eq 1' -fa 'verify' -d 'Re-hash every archived page; exit 1 when any is missing or corrupt.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor archive" -eq 1' -fa 'export' -d 'Write a site\'s archived pages to a directory, named by date.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor archive" -eq 1' -fa 'gc' -d 'Remove archived pages no snapshot refers to.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor archive verify" state-dir' -l 'state-dir' -d 'Where the database and page archive live.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor archive verify" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor archive verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor archive export" state-dir' -l 'state-dir' -d 'Where the database and page archive live.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor archive export" site' -l 'site' -d 'The site.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor archive export" out' -l 'out' -d 'The directory to write to (created if needed).' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor archive export" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor archive export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor archive gc" state-dir' -l 'state-dir' -d 'Where the database and page archive live.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor archive gc" include-recent' -l 'include-recent' -d 'Also remove files written in the last hour (only when no check or import is running).'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor archive gc" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor archive gc" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor extract" format' -l 'format' -d 'Output format: text (for people) or json (for scripts).' -rfka 'text json'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor extract" base-url' -l 'base-url' -d 'Resolve relative links against this URL (default: the page\'s URL; a <base href> wins).' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor extract" site' -l 'site' -d 'Use this configured site\'s URL and selector overrides.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor extract" config' -l 'config' -d 'The configuration file.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor extract" explain' -l 'explain' -d 'Show the sections, their kinds, how entries were grouped, and what was skipped.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor extract" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor extract" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor compare" format' -l 'format' -d 'Output format: text (for people), markdown (for notes and e-mail) or json (for scripts).' -rfka 'text json markdown'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor compare" base-url' -l 'base-url' -d 'Resolve relative links of both pages against this URL (default: each page\'s URL).' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor compare" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor compare" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor config" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor config" -eq 1' -fa 'check' -d 'Validate the configuration and print it resolved, every default spelled out.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor config check" config' -l 'config' -d 'The configuration file.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor config check" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor config check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor webhook" -eq 1' -fa 'test' -d 'Send a signed sample event and print the response.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor webhook" -eq 1' -fa 'list' -d 'List notifications (newest first) and their delivery attempts.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_positional "monitor webhook" -eq 1' -fa 'redeliver' -d 'Send a notification again now (same webhook-id), whatever its state.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook test" config' -l 'config' -d 'The configuration file.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook test" endpoint' -l 'endpoint' -d 'A [[webhooks]] name from the configuration.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook test" url' -l 'url' -d 'An endpoint URL (with --secret).' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook test" secret' -l 'secret' -d 'The signing secret for --url: whsec_ and base64.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook test" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook test" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook list" state-dir' -l 'state-dir' -d 'Where the database and page archive live.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook list" failed' -l 'failed' -d 'Only notifications that failed for good.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook list" format' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook list" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook redeliver" state-dir' -l 'state-dir' -d 'Where the database and page archive live.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook redeliver" config' -l 'config' -d 'The configuration file.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook redeliver" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor webhook redeliver" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor serve" state-dir' -l 'state-dir' -d 'Where the database and page archive live.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor serve" config' -l 'config' -d 'The configuration file.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor serve" listen' -l 'listen' -d 'Where to listen, HOST:PORT (default: [serve] listen, else 127.0.0.1:8470).' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor serve" log-level' -l 'log-level' -d 'trace, debug, info, notice, warning or error.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor serve" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor serve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor feed" state-dir' -l 'state-dir' -d 'Where the database and page archive live.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor feed" site' -l 'site' -d 'Only this site.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor feed" out' -l 'out' -d 'Write the feed here instead of standard output.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor feed" limit' -l 'limit' -d 'At most this many entries.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor feed" base-url' -l 'base-url' -d 'Where the feed will be published, for its self link (e.g. https://example.edu/monitor).' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor feed" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor feed" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor digest" state-dir' -l 'state-dir' -d 'Where the database and page archive live.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor digest" since' -l 'since' -d 'The start of the window.' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor digest" until' -l 'until' -d 'The end of the window (default: now).' -rfka ''
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor digest" format' -l 'format' -d 'Output format: text, markdown or html.' -rfka 'text markdown html'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor digest" version' -l 'version' -d 'Show the version.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor digest" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'monitor' -n '__monitor_should_offer_completions_for_flags_or_options "monitor help" version' -l 'version' -d 'Show the version.'
