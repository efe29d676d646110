"""`yzdocs report`: statistics, circulars, agency reports and the annual assessment (二(六), 二(九)).

periods.py        2023H1 / 2023H2 / 2023 and the previous period
loader.py         the repository with a validated-case cache (10,000 cases in seconds)
stats.py          numbers per district and agency, as JSON-ready dicts
xlsx.py           the statistics workbook
circular.py       special circulars: drafting and recording in circulars/
agency_report.py  an agency's half-year statistical analysis report
district.py       the district circular with charts
charts.py         matplotlib charts with a CJK font
assessment.py     the annual assessment and interview notices
documents.py      rendering report templates (with chart images) reproducibly
"""
