"""Every option of every command explains itself in --help, listing the values it accepts."""

from __future__ import annotations

import argparse

import pytest
from policykg.api.cli import build_parser
from policykg.search.consistency import KINDS


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("command", sorted(_subparsers()))
def test_every_option_has_help(command):
    parser = _subparsers()[command]
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help, f"policykg {command}: {action.dest} has no help text"
        for choice in action.choices or ():
            assert str(choice) in action.help, f"policykg {command} {action.dest}: {choice} not listed"


def test_check_lists_its_kinds():
    help_text = _subparsers()["check"].format_help()
    for kind in KINDS:
        assert kind in help_text


def test_search_help_names_the_levels(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["search", "--help"])
    out = capsys.readouterr().out
    for level in ("national", "provincial", "city", "county", "township", "YYYY-MM-DD", "1..100"):
        assert level in out
