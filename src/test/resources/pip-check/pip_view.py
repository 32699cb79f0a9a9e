"""Print what pip's own requirements-file parser makes of a file, as JSON: the effective global options (as
pip's handle_option_line would apply them to its package finder) and every requirement in order.

Usage: python3 pip_view.py REQUIREMENTS_FILE          (JSON)
       python3 pip_view.py --summary REQUIREMENTS_FILE  (one line per requirement:
           constraint|editable|name|specifiers|hashes)
Uses pip's internal parser (pip._internal.req.req_file), as `pip install -r` does, without any network.
"""
import json
import sys
import types

from pip._internal.models.format_control import FormatControl
from pip._internal.network.session import PipSession
from pip._internal.req.constructors import install_req_from_parsed_requirement
from pip._internal.req.req_file import (
    RequirementsFileParser,
    get_line_parser,
    handle_requirement_line,
)


def requirement_view(line):
    parsed = handle_requirement_line(line)
    req = install_req_from_parsed_requirement(parsed)
    options = parsed.options or {}
    return {
        "constraint": line.constraint,
        "editable": parsed.is_editable,
        "name": req.req.name if req.req else None,
        "specifier": sorted(str(s) for s in req.req.specifier) if req.req else [],
        "extras": sorted(req.extras),
        "marker": str(req.markers) if req.markers else None,
        "link": req.link.url if req.link else None,
        "hashes": options.get("hashes"),
        "config_settings": options.get("config_settings"),
        "global_options": options.get("global_options"),
    }


def summary(r):
    hashes = r["hashes"] or {}
    return "|".join([
        str(r["constraint"]).lower(),
        str(r["editable"]).lower(),
        r["name"] or "",
        ",".join(r["specifier"]),
        ",".join(f"{algo}:{digest}" for algo in sorted(hashes) for digest in hashes[algo]),
    ])


def main():
    args = sys.argv[1:]
    brief = args[0] == "--summary"
    path = args[-1]
    # A stand-in for the package finder: get_line_parser only reads its format_control.
    finder = types.SimpleNamespace(format_control=FormatControl(set(), set()))
    parser = RequirementsFileParser(PipSession(), get_line_parser(finder))
    state = {"index_urls": ["<default>"], "no_index": False, "find_links": [], "pre": False,
             "prefer_binary": False, "require_hashes": False, "trusted_hosts": [], "features": set()}
    requirements = []
    for line in parser.parse(path, constraint=False):
        if line.is_requirement:
            requirements.append(requirement_view(line))
            continue
        opts = line.opts
        if opts.no_index:
            state["no_index"] = True
            state["index_urls"] = []
        if opts.index_url and not state["no_index"]:
            state["index_urls"] = [opts.index_url]
        if opts.extra_index_urls and not state["no_index"]:
            state["index_urls"].extend(opts.extra_index_urls)
        if opts.find_links:
            state["find_links"].append(opts.find_links[0])
        state["pre"] |= bool(opts.pre)
        state["prefer_binary"] |= bool(opts.prefer_binary)
        state["require_hashes"] |= bool(opts.require_hashes)
        state["trusted_hosts"].extend(opts.trusted_hosts or [])
        state["features"].update(opts.features_enabled or [])
    state["features"] = sorted(state["features"])
    state["no_binary"] = sorted(finder.format_control.no_binary)
    state["only_binary"] = sorted(finder.format_control.only_binary)
    if brief:
        for r in requirements:
            print(summary(r))
    else:
        json.dump({"options": state, "requirements": requirements}, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
