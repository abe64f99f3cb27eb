"""The conformance report: per-area pass/fail/skip counts and the status of every catalogue behaviour.

`--report report.md` writes the markdown table and `report.json` beside it. A behaviour passes when
every test naming it passes, fails when any fails, and is 'not covered' when no test names it.
"""
import collections
import json
import os

CATALOGUE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalogue.json")
OUTCOMES = ("passed", "failed", "skipped", "xfailed", "xpassed")


def area_of(nodeid):
    """The area of a test: its module name without the `test_` prefix."""
    module = nodeid.split("::")[0].rsplit("/", 1)[-1]
    return module[len("test_"):-len(".py")] if module.startswith("test_") else module


class Report:
    """A pytest plugin collecting outcomes; writes the report at the end of the session."""

    def __init__(self, path, target):
        self.path, self.target = path, target
        self.behaviours_of = {}          # nodeid -> behaviour ids
        self.outcome = {}                # nodeid -> outcome

    def pytest_collection_modifyitems(self, items):
        for item in items:
            self.behaviours_of[item.nodeid] = [i for m in item.iter_markers("behaviour") for i in m.args]

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
            if hasattr(report, "wasxfail"):
                outcome = "xfailed" if report.outcome == "skipped" else "xpassed"
            else:
                outcome = report.outcome
            if self.outcome.get(report.nodeid) != "failed":
                self.outcome[report.nodeid] = outcome
        elif report.when == "teardown" and report.outcome == "failed":
            self.outcome[report.nodeid] = "failed"

    def summary(self):
        areas = collections.defaultdict(collections.Counter)
        statuses = collections.defaultdict(list)
        for nodeid, outcome in self.outcome.items():
            areas[area_of(nodeid)][outcome] += 1
            for b in self.behaviours_of.get(nodeid, ()):
                statuses[b].append(outcome)
        with open(CATALOGUE, encoding="utf-8") as f:
            catalogue = json.load(f)
        behaviours = {}
        for b in sorted(set(catalogue) | set(statuses)):
            seen = statuses.get(b)
            if not seen:
                behaviours[b] = "not covered"
            elif "failed" in seen or "xpassed" in seen:
                behaviours[b] = "failed"
            elif all(s == "passed" for s in seen):
                behaviours[b] = "passed"
            elif "passed" in seen:
                behaviours[b] = "partly passed"   # some tests of it skipped or expected to fail
            else:
                behaviours[b] = seen[0]
        return {"target": self.target, "areas": {a: dict(c) for a, c in sorted(areas.items())},
                "behaviours": behaviours, "catalogue_size": len(catalogue),
                "not_in_catalogue": sorted(set(statuses) - set(catalogue))}

    def pytest_sessionfinish(self, session):
        data = self.summary()
        base = os.path.splitext(self.path)[0]
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        with open(base + ".json", "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1)
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(markdown(data))

    def pytest_terminal_summary(self, terminalreporter):
        terminalreporter.write_line(f"conformance report: {self.path} (and {os.path.splitext(self.path)[0]}.json)")


def markdown(data):
    """The report as markdown: the area table, then the behaviour IDs grouped by status."""
    lines = [f"# Conformance report: target `{data['target']}`", "",
             "| area | " + " | ".join(OUTCOMES) + " |", "|---|" + "---:|" * len(OUTCOMES)]
    totals = collections.Counter()
    for area, counts in data["areas"].items():
        totals.update(counts)
        lines.append(f"| {area} | " + " | ".join(str(counts.get(o, 0)) for o in OUTCOMES) + " |")
    lines.append("| **all** | " + " | ".join(f"**{totals.get(o, 0)}**" for o in OUTCOMES) + " |")
    by_status = collections.defaultdict(list)
    for b, s in data["behaviours"].items():
        by_status[s].append(b)
    lines += ["", f"## Behaviours ({data['catalogue_size']} in the catalogue)", ""]
    for status in ("passed", "partly passed", "failed", "xfailed", "skipped", "not covered"):
        ids = by_status.get(status, [])
        lines.append(f"- **{status}** ({len(ids)}): {', '.join(ids) if ids else '—'}")
    if data["not_in_catalogue"]:
        lines.append(f"- tests name IDs the catalogue lacks: {', '.join(data['not_in_catalogue'])}")
    return "\n".join(lines) + "\n"
