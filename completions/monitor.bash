#!/bin/bash

__monitor_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__monitor_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__monitor_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__monitor_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_monitor() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __monitor_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    run|check|diff|history|import|archive|extract|compare|config|webhook|serve|feed|digest|help)
        # Offer subcommand argument completions
        "_monitor_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'run check diff history import archive extract compare config webhook serve feed digest help' -- "${cur}"))
        ;;
    esac
}

_monitor_run() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--config --state-dir --log-level --idle-after)
    __monitor_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--state-dir')
        return
        ;;
    '--log-level')
        return
        ;;
    '--idle-after')
        return
        ;;
    esac
}

_monitor_check() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir --site --url --contact --timeout --max-body --suspect-loss)
    __monitor_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        return
        ;;
    '--site')
        return
        ;;
    '--url')
        return
        ;;
    '--contact')
        return
        ;;
    '--timeout')
        return
        ;;
    '--max-body')
        return
        ;;
    '--suspect-loss')
        return
        ;;
    esac
}

_monitor_diff() {
    repeating_flags=()
    non_repeating_flags=(--events --version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir --since --until --site --kind --format)
    __monitor_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--site')
        return
        ;;
    '--kind')
        return
        ;;
    '--format')
        __monitor_add_completions -W 'text'$'\n''json'$'\n''markdown'
        return
        ;;
    esac
}

_monitor_history() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir --site --format)
    __monitor_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        return
        ;;
    '--site')
        return
        ;;
    '--format')
        __monitor_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_monitor_import() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir --site --url --dir --git --path)
    __monitor_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        return
        ;;
    '--site')
        return
        ;;
    '--url')
        return
        ;;
    '--dir')
        return
        ;;
    '--git')
        return
        ;;
    '--path')
        return
        ;;
    esac
}

_monitor_archive() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __monitor_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    verify|export|gc)
        # Offer subcommand argument completions
        "_monitor_archive_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'verify export gc' -- "${cur}"))
        ;;
    esac
}

_monitor_archive_verify() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir)
    __monitor_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        return
        ;;
    esac
}

_monitor_archive_export() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir --site --out)
    __monitor_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        return
        ;;
    '--site')
        return
        ;;
    '--out')
        return
        ;;
    esac
}

_monitor_archive_gc() {
    repeating_flags=()
    non_repeating_flags=(--include-recent --version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir)
    __monitor_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        return
        ;;
    esac
}

_monitor_extract() {
    repeating_flags=()
    non_repeating_flags=(--explain --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --base-url --site --config)
    __monitor_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __monitor_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--base-url')
        return
        ;;
    '--site')
        return
        ;;
    '--config')
        return
        ;;
    esac
}

_monitor_compare() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--format --base-url)
    __monitor_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--format')
        __monitor_add_completions -W 'text'$'\n''json'$'\n''markdown'
        return
        ;;
    '--base-url')
        return
        ;;
    esac
}

_monitor_config() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __monitor_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    check)
        # Offer subcommand argument completions
        "_monitor_config_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'check' -- "${cur}"))
        ;;
    esac
}

_monitor_config_check() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--config)
    __monitor_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    esac
}

_monitor_webhook() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __monitor_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    test|list|redeliver)
        # Offer subcommand argument completions
        "_monitor_webhook_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'test list redeliver' -- "${cur}"))
        ;;
    esac
}

_monitor_webhook_test() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--config --endpoint --url --secret)
    __monitor_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--endpoint')
        return
        ;;
    '--url')
        return
        ;;
    '--secret')
        return
        ;;
    esac
}

_monitor_webhook_list() {
    repeating_flags=()
    non_repeating_flags=(--failed --version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir --format)
    __monitor_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        return
        ;;
    '--format')
        __monitor_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_monitor_webhook_redeliver() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir --config)
    __monitor_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        return
        ;;
    '--config')
        return
        ;;
    esac
}

_monitor_serve() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir --config --listen --log-level)
    __monitor_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        return
        ;;
    '--config')
        return
        ;;
    '--listen')
        return
        ;;
    '--log-level')
        return
        ;;
    esac
}

_monitor_feed() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir --site --out --limit --base-url)
    __monitor_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        return
        ;;
    '--site')
        return
        ;;
    '--out')
        return
        ;;
    '--limit')
        return
        ;;
    '--base-url')
        return
        ;;
    esac
}

_monitor_digest() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir --since --until --format)
    __monitor_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--format')
        __monitor_add_completions -W 'text'$'\n''markdown'$'\n''html'
        return
        ;;
    esac
}

_monitor_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __monitor_offer_flags_options -1
}

complete -o filenames -F _monitor monitor
