#!/usr/bin/python3
"""Reads a workbook with openpyxl (an independent reader) and prints what the Go tests check
as JSON: per sheet its cell values (cached values of formulas), formulas, page setup, print
titles, footer, merged ranges and charts. Usage: read.py FILE.xlsx [--formulas] [--no-cells]"""
import datetime
import json
import sys

import openpyxl


def value(v):
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return v.isoformat()
    return v


def main():
    path = sys.argv[1]
    cells = "--no-cells" not in sys.argv
    wb = openpyxl.load_workbook(path, data_only="--formulas" not in sys.argv)
    out = {"sheets": [], "order": wb.sheetnames}
    for ws in wb.worksheets:
        ps = ws.page_setup
        sheet = {
            "name": ws.title,
            "max_row": ws.max_row,
            "max_column": ws.max_column,
            "orientation": ps.orientation,
            "paper_size": None if ps.paperSize is None else int(ps.paperSize),
            "fit_to_width": None if ps.fitToWidth is None else int(ps.fitToWidth),
            "fit_to_height": None if ps.fitToHeight is None else int(ps.fitToHeight),
            "fit_to_page": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            "print_title_rows": ws.print_title_rows,
            "footer": (ws.oddFooter.left.text or "") + "|" + (ws.oddFooter.right.text or ""),
            "merged": [str(r) for r in ws.merged_cells.ranges],
            "charts": len(ws._charts),
            "freeze": ws.freeze_panes,
        }
        if cells:
            sheet["cells"] = {c.coordinate: value(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
            sheet["formats"] = {c.coordinate: c.number_format for row in ws.iter_rows() for c in row
                                if c.value is not None and c.number_format != "General"}
        out["sheets"].append(sheet)
    json.dump(out, sys.stdout, ensure_ascii=False)


main()
