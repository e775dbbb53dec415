package ingest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"skm/cases"
	"skm/ingest"
	"skm/ingest/chtest"
	"skm/reports/xlsx/xlsxtest"
	"skm/standard"
	"skm/survey"
)

// openpyxl runs a Python script with openpyxl (Debian's python3-openpyxl, an independent
// reader and writer of XLSX) on args and returns what it printed; missing openpyxl fails
// under CI=true and skips elsewhere, as in xlsxtest.
func openpyxl(t *testing.T, script string, args ...string) []byte {
	t.Helper()
	if err := exec.Command(xlsxtest.Python, "-c", "import openpyxl").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and python3-openpyxl is not installed: %v", err)
		}
		t.Skipf("python3-openpyxl is not installed: %v", err)
	}
	path := filepath.Join(t.TempDir(), "script.py")
	if err := os.WriteFile(path, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	cmd := exec.Command(xlsxtest.Python, append([]string{path}, args...)...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, errOut.String())
	}
	return out.Bytes()
}

// readTemplatePy prints a workbook's sheets (name, state), the first sheet's header, its data
// validations with list ranges resolved to their cells' values, and the instructions' rows.
const readTemplatePy = `
import json, sys, openpyxl
from openpyxl.utils import range_boundaries, get_column_letter
wb = openpyxl.load_workbook(sys.argv[1])
data = wb.worksheets[0]
def resolve(formula):
    if not formula or "!" not in formula:
        return None
    sheet, ref = formula.split("!")
    ws = wb[sheet.strip("'")]
    c1, r1, c2, r2 = range_boundaries(ref.replace("$", ""))
    return [ws.cell(row=r, column=c).value for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
out = {
    "sheets": [[ws.title, ws.sheet_state] for ws in wb.worksheets],
    "header": [c.value for c in data[1]],
    "validations": [{
        "sqref": str(dv.sqref), "type": dv.type, "formula1": dv.formula1, "formula2": dv.formula2,
        "list": resolve(dv.formula1), "prompt": dv.prompt, "error_style": dv.errorStyle,
    } for dv in data.data_validations.dataValidation],
    "formats": {get_column_letter(i): d.number_format for d in data.column_dimensions.values() for i in range(d.min, d.max + 1)},
    "help": [[v for v in row if v is not None] for row in wb["Petunjuk"].iter_rows(values_only=True)],
}
json.dump(out, sys.stdout)
`

type templateRead struct {
	Sheets      [][2]string
	Header      []string
	Validations []struct {
		Sqref, Type, Formula1, Formula2 string
		List                            []string
		Prompt                          string
		ErrorStyle                      string `json:"error_style"`
	}
	Formats map[string]string
	Help    [][]any
}

// readTemplate writes a template with write and reads it back with openpyxl.
func readTemplate(t *testing.T, a *standard.Agency, write func(string, *standard.Agency) error) (string, templateRead) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "templat.xlsx")
	if err := write(path, a); err != nil {
		t.Fatal(err)
	}
	var r templateRead
	if err := json.Unmarshal(openpyxl(t, readTemplatePy, path), &r); err != nil {
		t.Fatal(err)
	}
	return path, r
}

// validation returns the validation of the template's column with header h, failing without
// one covering the column from row 2 to row 20 001 (the web import's rows).
func (r templateRead) validation(t *testing.T, h string) (typ string, list []string, f1, f2, prompt string) {
	t.Helper()
	i := slices.Index(r.Header, h)
	if i < 0 {
		t.Fatalf("no column %q in %v", h, r.Header)
	}
	col := string(rune('A' + i))
	for _, v := range r.Validations {
		if v.Sqref == fmt.Sprintf("%s2:%s20001", col, col) {
			return v.Type, v.List, v.Formula1, v.Formula2, v.Prompt
		}
	}
	t.Fatalf("column %s (%s) has no data validation over rows 2-20001: %+v", h, col, r.Validations)
	return
}

// helpRow returns the instructions' first row that starts with first (in the table of
// columns); with last, the last one instead (in the answer scale, after it).
func (r templateRead) helpRow(t *testing.T, first string, last bool) []any {
	t.Helper()
	var found []any
	for _, row := range r.Help {
		if len(row) > 0 && row[0] == first {
			if !last {
				return row
			}
			found = row
		}
	}
	if found == nil {
		t.Fatalf("the instructions have no row for %q", first)
	}
	return found
}

func (r templateRead) helpText() string {
	var b strings.Builder
	for _, row := range r.Help {
		for _, v := range row {
			fmt.Fprintln(&b, v)
		}
	}
	return b.String()
}

func TestQuestionnaireTemplateHasDropdownsAndInstructions(t *testing.T) {
	a := kalbar(t)
	path, r := readTemplate(t, a, ingest.WriteResponsesTemplate)
	if want := [][2]string{{"Kuesioner", "visible"}, {"Petunjuk", "visible"}, {"Daftar", "hidden"}}; !slices.Equal(r.Sheets, want) {
		t.Errorf("sheets %v, want %v (the importer reads the first)", r.Sheets, want)
	}
	if !slices.Equal(r.Header, ingest.ResponseColumns) {
		t.Errorf("header %v", r.Header)
	}
	var services []string
	for _, s := range a.Services {
		services = append(services, s.Name)
	}
	if typ, list, _, _, _ := r.validation(t, "layanan"); typ != "list" || !slices.Equal(list, services) {
		t.Errorf("layanan: %s %q, want the services' names %q", typ, list, services)
	}
	for _, q := range survey.Questionnaire(survey.ID) {
		h := fmt.Sprintf("P%d_%s", q.Number, q.Element.Code())
		typ, _, f1, _, prompt := r.validation(t, h)
		if typ != "list" || f1 != `"1,2,3,4"` {
			t.Errorf("%s: %s %s, want the list 1-4", h, typ, f1)
		}
		for v, label := range q.Labels {
			if !strings.Contains(prompt, fmt.Sprintf("%d = %s", v+1, label)) {
				t.Errorf("%s: the input message %q lacks %d = %s", h, prompt, v+1, label)
			}
		}
		row := r.helpRow(t, h, true)
		for v, label := range q.Labels {
			if len(row) != 4 || row[1] != fmt.Sprint(q.Number) || !strings.Contains(fmt.Sprint(row[3]), fmt.Sprintf("%d = %s", v+1, label)) {
				t.Errorf("answer scale of %s lacks %d = %s: %v", h, v+1, label, row)
			}
		}
	}
	if typ, _, f1, f2, _ := r.validation(t, "umur"); typ != "whole" || f1 != "10" || f2 != "120" {
		t.Errorf("umur: %s %s..%s", typ, f1, f2)
	}
	for h, want := range map[string][]string{"jenis_kelamin": {"Laki-laki", "Perempuan"},
		"pendidikan": survey.Educations, "pekerjaan": survey.Occupations} {
		if typ, list, _, _, _ := r.validation(t, h); typ != "list" || !slices.Equal(list, want) {
			t.Errorf("%s: %s %q, want %q", h, typ, list, want)
		}
	}
	// Dates and numbers are kept as typed: Excel must not turn 14/10/2026 into a US date.
	for _, col := range []string{"A", "C", "D"} {
		if r.Formats[col] != "@" {
			t.Errorf("column %s's format %q, want text", col, r.Formats[col])
		}
	}
	for _, h := range ingest.ResponseColumns {
		row := r.helpRow(t, h, false)
		need := h == "layanan" || h == "tanggal"
		if len(row) < 3 || (row[1] == "wajib") != need {
			t.Errorf("instructions for %s: %v (wajib: %v)", h, row, need)
		}
	}
	help := r.helpText()
	for _, want := range []string{"Nomor kuesioner disarankan", "dikenali dari isinya", "hanya disimpan sekali",
		"dihitung dua kali", "14/10/2026", "10 MB", "20.000 baris"} {
		if !strings.Contains(help, want) {
			t.Errorf("the instructions lack %q:\n%s", want, help)
		}
	}
	pdf := xlsxtest.Convert(t, path, "pdf")
	if text := xlsxtest.PDFText(t, pdf); !strings.Contains(text, "P9_U8") || !strings.Contains(text, "Skala jawaban") {
		t.Errorf("LibreOffice's print lacks the sheets:\n%.500s", text)
	}
}

func TestCaseTemplateHasDropdownsAndInstructions(t *testing.T) {
	a := kalbar(t)
	path, r := readTemplate(t, a, ingest.WriteCasesTemplate)
	if want := [][2]string{{"Kasus", "visible"}, {"Petunjuk", "visible"}, {"Daftar", "hidden"}}; !slices.Equal(r.Sheets, want) {
		t.Errorf("sheets %v, want %v", r.Sheets, want)
	}
	var services, channels, classes []string
	for _, s := range a.Services {
		services = append(services, s.Name)
	}
	for _, c := range a.Channels {
		channels = append(channels, standard.ChannelName(c))
	}
	for _, c := range a.ComplaintClasses {
		classes = append(classes, c.Name)
	}
	if len(classes) == 0 || !slices.Contains(channels, "WhatsApp") {
		t.Fatalf("the example agency changed: %v %v", channels, classes)
	}
	for h, want := range map[string][]string{
		"jenis":       {"Permohonan layanan", "Pengaduan", "Aspirasi", "Permintaan informasi"},
		"layanan":     services,
		"saluran":     channels,
		"klasifikasi": classes,
		"status":      {"Diterima", "Diproses", "Selesai"},
	} {
		if typ, list, _, _, _ := r.validation(t, h); typ != "list" || !slices.Equal(list, want) {
			t.Errorf("%s: %s %q, want %q", h, typ, list, want)
		}
	}
	for _, h := range ingest.CaseColumns {
		row := r.helpRow(t, h, false)
		need := slices.Contains([]string{"nomor", "layanan", "saluran", "diterima"}, h)
		if len(row) < 3 || (row[1] == "wajib") != need {
			t.Errorf("instructions for %s: %v (wajib: %v)", h, row, need)
		}
	}
	for _, col := range []string{"A", "G", "H"} {
		if r.Formats[col] != "@" {
			t.Errorf("column %s's format %q, want text", col, r.Formats[col])
		}
	}
	pdf := xlsxtest.Convert(t, path, "pdf")
	if text := xlsxtest.PDFText(t, pdf); !strings.Contains(text, "Pelayanan Konsultasi") || !strings.Contains(text, "Batas dan pemeriksaan") {
		t.Errorf("LibreOffice's print lacks the sheets:\n%.500s", text)
	}
}

// fillPy fills the first sheet of the workbook argv[1] from row 2 with the JSON rows of
// argv[2] (clearing the example row), as a person would in a spreadsheet, and saves it.
const fillPy = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
for row in ws.iter_rows(min_row=2):
    for c in row:
        c.value = None
for r, values in enumerate(json.loads(sys.argv[2]), start=2):
    for c, v in enumerate(values, start=1):
        ws.cell(row=r, column=c, value=v)
wb.save(sys.argv[1])
`

// fillTemplate writes a template of a and fills it with rows through openpyxl.
func fillTemplate(t *testing.T, a *standard.Agency, write func(string, *standard.Agency) error, rows [][]any) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "diisi.xlsx")
	if err := write(path, a); err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(rows)
	if err != nil {
		t.Fatal(err)
	}
	openpyxl(t, fillPy, path, string(js))
	return path
}

func TestFilledQuestionnaireTemplateImportsServicesByName(t *testing.T) {
	a := kalbar(t)
	rows := [][]any{
		{"", "  pelayanan   KONSULTASI ", "2026-10-14", "09:30", 4, 3, 4, 2, 4, 4, 4, 1, 3, 34, "Perempuan", "D4/S1", "Swasta", "ramah"},
		{"Q-7", "Penanganan Pengaduan, Saran, dan Masukan", "15/10/2026", "", 1, 2, 3, 4, 1, 2, 3, 4, 1, nil, "laki-laki", "SMA", "PNS", nil},
		{"", "konsultasi", "2026-10-14", "09:30", 4, 3, 4, 2, 4, 4, 4, 1, 3, 34, "P", "D4/S1", "Swasta", "ramah"},
	}
	path := fillTemplate(t, a, ingest.WriteResponsesTemplate, rows)
	// Within the web import's limits: the dropdowns over 20 000 rows are no rows.
	rs, err := ingest.ParseResponsesFileWithin(path, a, ingest.WebImportLimits, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 {
		t.Fatalf("%d responses, want 3", len(rs))
	}
	first, second := rs[0], rs[1]
	if first.Service != "konsultasi" || first.JenisKelamin != "P" || first.Umur != 34 || first.Pendidikan != "D4/S1" ||
		first.Answer(survey.U9) != 1 || first.Answer(survey.U8) != 3 || first.Saran != "ramah" ||
		first.SubmittedAt.Format("2006-01-02 15:04") != "2026-10-14 09:30" {
		t.Errorf("row 2 (service by name, odd case and spaces): %+v", first)
	}
	if second.Service != "pengaduan" || second.JenisKelamin != "L" || second.SubmittedAt.Format("2006-01-02 15:04") != "2026-10-15 12:00" ||
		second.Answer(survey.U9) != 4 || second.Answer(survey.U8) != 1 {
		t.Errorf("row 3 (a name with commas, a date day first): %+v", second)
	}
	// The same questionnaire written with the service's code and L/P is the same content,
	// and is told apart only as its second occurrence in the file.
	if rs[2].Service != "konsultasi" || rs[2].ID == first.ID {
		t.Errorf("row 4: %+v", rs[2])
	}
	again, err := ingest.ParseResponsesFile(fillTemplate(t, a, ingest.WriteResponsesTemplate, [][]any{rows[2]}), a, nil)
	if err != nil || len(again) != 1 || again[0].ID != first.ID {
		t.Errorf("a questionnaire keyed by content must not depend on writing the service's name or code: %v %v", again, err)
	}

	bad := fillTemplate(t, a, ingest.WriteResponsesTemplate, [][]any{
		rows[0],
		{"", "Pelayanan Fiktif", "2026-10-14", "", 4, 4, 4, 4, 4, 4, 4, 4, 4, nil, "Wanita", nil, nil, nil},
	})
	_, err = ingest.ParseResponsesFile(bad, a, nil)
	var ie ingest.ImportErrors
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want ImportErrors", err)
	}
	text := ie.Error()
	for _, want := range []string{
		`baris 3, kolom layanan: layanan "Pelayanan Fiktif" tidak dikenal; pilih salah satu: "Pelayanan Konsultasi", "Pelayanan Data, Laporan, dan Informasi",`,
		`(atau kodenya: konsultasi, data-informasi, fasilitasi-audiensi, narasumber, pengaduan)`,
		`baris 3, kolom jenis_kelamin: jenis kelamin "Wanita" harus Laki-laki atau Perempuan (L atau P)`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if strings.Contains(text, "baris 2") {
		t.Errorf("row 2 is fine but was reported:\n%s", text)
	}
}

func TestFilledCaseTemplateImportsNamesOfTheDropdowns(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	set := examples(t)
	kb, _ := set.Agency("bppd-kalbar")
	now := func() time.Time { return caseNow }
	store := ingest.NewStore(db.Conn, db.Name)

	bad := fillTemplate(t, kb, ingest.WriteCasesTemplate, [][]any{
		{"T-1", "Pengaduan", "Penanganan Pengaduan, Saran, dan Masukan", "WhatsApp", "Pengaduan ringan", "Diproses", "2026-10-14 10:00", nil, "Rina", nil},
		{"T-2", "Keluhan", "Pelayanan Gaib", "Merpati", "Pengaduan berat", nil, "2026-10-14 10:00", nil, nil, nil},
	})
	_, err := store.ImportCases(ctx, bad, kb, kb.WorkCalendar(set), ingest.CaseImportOptions{Now: now})
	var ie ingest.ImportErrors
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want ImportErrors", err)
	}
	text := ie.Error()
	for _, want := range []string{
		`baris 3, kolom jenis: jenis "Keluhan" tidak dikenal; pilih salah satu: "Permohonan layanan", "Pengaduan", "Aspirasi", "Permintaan informasi"`,
		`baris 3, kolom layanan: layanan "Pelayanan Gaib" tidak dikenal; pilih salah satu: "Pelayanan Konsultasi",`,
		`baris 3, kolom saluran: saluran "Merpati" tidak dikenal; pilih salah satu: "Tatap muka", "Kotak saran/pengaduan", "WhatsApp",`,
		`baris 3, kolom klasifikasi: klasifikasi "Pengaduan berat" tidak dikenal; pilih salah satu: "Pengaduan ringan",`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if strings.Contains(text, "baris 2") {
		t.Errorf("row 2 is fine but was reported:\n%s", text)
	}

	good := fillTemplate(t, kb, ingest.WriteCasesTemplate, [][]any{
		{"T-1", "pengaduan", " penanganan pengaduan, saran, dan masukan ", "WhatsApp", "Pengaduan bersifat normatif", "Selesai", "2026-10-14 10:00", "21/10/2026 15.00", "Rina", nil},
		{"T-2", nil, "Pelayanan Data, Laporan, dan Informasi", "tatap-muka", nil, "diproses", "14/10/2026 10.00", nil, "Budi", "L-9"},
	})
	lim := ingest.WebImportLimits
	res, err := store.ImportCases(ctx, good, kb, kb.WorkCalendar(set), ingest.CaseImportOptions{Now: now, Limits: &lim})
	if err != nil || res.Stored != 2 {
		t.Fatalf("import: %+v %v", res, err)
	}
	stored, err := store.CurrentCases(ctx, "bppd-kalbar", []string{"T-1", "T-2"})
	if err != nil || len(stored) != 2 {
		t.Fatalf("%v %v", stored, err)
	}
	byID := map[string]cases.Record{}
	for _, c := range stored {
		byID[c.ID] = c
	}
	one, two := byID["T-1"], byID["T-2"]
	// Kalbar's normatif complaints have their own limit: resolved from the class's code.
	if one.Kind != "pengaduan" || one.Service != "pengaduan" || one.Channel != "whatsapp" || one.Class != "normatif" ||
		one.Status != cases.StatusSelesai || one.OnTime == nil || !*one.OnTime || one.WorkingMinutes == nil || *one.WorkingMinutes != 2490 {
		t.Errorf("T-1: %+v", one)
	}
	if two.Kind != standard.KindInformasi || two.Service != "data-informasi" || two.Channel != "tatap-muka" || two.Status != cases.StatusDiproses ||
		two.ExternalRef != "L-9" || !two.ReceivedAt.Equal(tm(wib, 10, 14, 10, 0)) {
		t.Errorf("T-2: %+v", two)
	}
}

// The case template comes with an example row; a file uploaded with it left in must not
// store a made-up completed case in a real month's figures.
func TestCaseTemplateExampleRowIsRefused(t *testing.T) {
	db := chtest.NewDB(t)
	ctx := context.Background()
	set := examples(t)
	kb, _ := set.Agency("bppd-kalbar")
	store := ingest.NewStore(db.Conn, db.Name)
	for _, ext := range []string{"csv", "xlsx"} {
		path := filepath.Join(t.TempDir(), "kasus."+ext)
		if err := ingest.WriteCasesTemplate(path, kb); err != nil {
			t.Fatal(err)
		}
		_, err := store.ImportCases(ctx, path, kb, kb.WorkCalendar(set), ingest.CaseImportOptions{Now: func() time.Time { return caseNow }})
		var ie ingest.ImportErrors
		if !errors.As(err, &ie) || !strings.Contains(ie.Error(), "baris 2, kolom nomor: ini baris contoh templat") {
			t.Errorf("%s template as downloaded: err = %v, want the example row refused", ext, err)
		}
	}
	if n, err := store.CurrentCases(ctx, "bppd-kalbar", []string{cases.NumberPrefix(2026) + "0001"}); err != nil || len(n) != 0 {
		t.Errorf("the example case was stored: %v %v", n, err)
	}
}
