"""Agency roles in an obligation: who leads, who cooperates, read from where the unit stands.

Positions that give work: the subject that opens a clause (区应急局负责…, 交通、公安等部门按照…), the unit
after 由 (由区政府组织…), the units after 会同/协同 (cooperate), a labelled clause (（牵头单位：…；配合单位：…）,
（责任单位：…）), a trailing responsibility clause (（A牵头，B按职责分工负责）), an item headed by its unit
(区教育局：…), and, when the item names none, the unit of a parent heading (二、区应急局职责). Units that
are only objects — of 配合/协助/指导/督促, of a report (报送A与B), of an approval — are given nothing.
A list of equals is all lead unless the text names a lead (牵头) or the document says the first-listed
unit leads (排在第一位的为牵头部门). ``agency_grammar.py`` reads the unit names.

This module is the role rules' one import place; each concept lives in its own module, lowest first:

- ``role_words``: predicate words, lead-ins, shared patterns, a mention and a list's roles;
- ``role_clauses``: labelled lists, trailing responsibility clauses, units declared for what follows;
- ``role_headings``: the units of parent headings and the lead-ins of cases;
- ``role_parts``: a subject written in parts set off by commas, the party of a condition with no duty after it;
- ``role_reader``: unit lists read at positions of one text, no two overlapping, no persons or labels;
- ``role_shared_set``: a set marker written once before a list of departments (各地X部门、Y部门);
- ``role_subjects``: the units a sentence's own words give work (subject, 由, 会同, 与…共同, 在X指导下);
- ``role_elided``: ``subject_agencies`` — who acts where no subject is written (the sentence or step
  before, the parent heading);
- ``role_assign``: ``assign_agencies``, ``clause_and_own_subjects``, ``dedupe`` — the clause or the
  subjects, each unit once per role.
"""

from __future__ import annotations

from policykg.ingest.extract.role_assign import (
           assign_agencies,
           clause_and_own_subjects,
           clause_sets_absorb,
           dedupe,
)
from policykg.ingest.extract.role_clauses import carried_agencies, labelled_clause
from policykg.ingest.extract.role_elided import subject_agencies
from policykg.ingest.extract.role_headings import heading_agencies, heading_chain_agencies
from policykg.ingest.extract.role_words import first_listed_leads, roles_from_list

# the module's public functions, those of the clause and heading readers included (one import place)
__all__ = ["assign_agencies", "carried_agencies", "clause_and_own_subjects", "clause_sets_absorb", "dedupe", "first_listed_leads",
           "heading_agencies", "heading_chain_agencies", "labelled_clause", "roles_from_list", "subject_agencies"]
