"""pmo-advisor: diagnose before you prescribe.

The library listens to what PMO stakeholders say, diagnoses root causes,
prescribes PMO services and builds a value proposition::

    from advisor import Advisor, Case

    advisor = Advisor.default()
    case = Case.from_statements(["We only hear a project is late when the client calls"])
    diagnosis = advisor.diagnose(case)
    print(diagnosis.root_causes[0].name)
"""

__version__ = "0.1.0"
