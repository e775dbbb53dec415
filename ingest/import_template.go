package ingest

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"skm/cases"
	"skm/standard"
	"skm/survey"
)

// Sheets of the XLSX import templates: the data sheet comes first (the importers read the
// first sheet), then the instructions, then the hidden sheet holding the dropdowns' lists.
const (
	TemplateSheetResponses = "Kuesioner"
	TemplateSheetCases     = "Kasus"
	TemplateSheetHelp      = "Petunjuk"
	TemplateSheetLists     = "Daftar"
)

// templateColumn is one column of an import template: its header, what it holds, and how
// the spreadsheet helps to fill it in.
type templateColumn struct {
	header   string
	required bool
	help     string   // what the column holds, for the instructions
	list     []string // the choices of its dropdown, written on the list sheet
	inline   []string // short choices of its dropdown, in the validation itself
	prompt   string   // the input message shown when one of its cells is selected
	whole    [2]int   // whole-number bounds, when set
	maxLen   int      // the longest text, when set
	text     bool     // cells keep what is typed (dates, numbers with leading zeros)
	width    float64
}

// choices words a column's choices for the instructions.
func (c templateColumn) choices() string {
	switch {
	case len(c.list) > 0:
		return strings.Join(c.list, "; ")
	case len(c.inline) > 0:
		return strings.Join(c.inline, ", ")
	case c.whole != [2]int{}:
		return fmt.Sprintf("%d sampai %d", c.whole[0], c.whole[1])
	}
	return ""
}

// importTemplate is an import template: its data sheet's columns, an optional example row,
// and the instructions around the table of columns.
type importTemplate struct {
	sheet    string
	columns  []templateColumn
	example  []string
	title    string
	intro    []string
	sections []templateSection
}

// templateSection is a titled part of the instructions: lines, or a table whose first row is
// its header.
type templateSection struct {
	title string
	lines []string
	table [][]string
}

// headers are the template's column headers.
func (t importTemplate) headers() []string {
	h := make([]string, len(t.columns))
	for i, c := range t.columns {
		h[i] = c.header
	}
	return h
}

// templateRows is how many rows below the header get the dropdowns: as many as an import
// through the browser takes.
var templateRows = WebImportLimits.MaxRows

// limitsNote words the web import's limits for the instructions.
func limitsNote() string {
	return fmt.Sprintf("Batas impor lewat peramban: berkas paling besar %d MB, paling banyak %s baris dan %d kolom. Berkas yang lebih besar dibagi menjadi beberapa berkas.",
		WebImportLimits.MaxBytes>>20, survey.FormatInt(int64(WebImportLimits.MaxRows)), WebImportLimits.MaxColumns)
}

// serviceNames are the names of the agency's services, as its dropdowns offer them.
func serviceNames(a *standard.Agency) []string {
	names := make([]string, len(a.Services))
	for i, s := range a.Services {
		names[i] = s.Name
	}
	return names
}

// names maps codes to their display names.
func names(codes []string, name func(string) string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = name(c)
	}
	return out
}

// choiceList words a coded column's choices for a message: the names, then the codes also
// accepted.
func choiceList(codes []string, name func(string) string) string {
	quoted := make([]string, len(codes))
	for i, c := range codes {
		quoted[i] = strconv.Quote(name(c))
	}
	return strings.Join(quoted, ", ") + " (atau kodenya: " + strings.Join(codes, ", ") + ")"
}

// responsesTemplate is the paper-questionnaire template of agency a.
func responsesTemplate(a *standard.Agency) importTemplate {
	questions := survey.Questionnaire(survey.ID)
	cols := []templateColumn{
		{header: "nomor", text: true, width: 12, help: "Nomor kuesioner yang tertulis di kertas. Disarankan (lihat di bawah)."},
		{header: "layanan", required: true, list: serviceNames(a), width: 40,
			help:   "Layanan yang diterima responden; pilih dari daftar (nama layanan) atau tulis kodenya.",
			prompt: "Pilih layanan dari daftar."},
		{header: "tanggal", required: true, text: true, width: 12,
			help:   "Tanggal pengisian kuesioner, misalnya 2026-10-14 atau 14/10/2026.",
			prompt: "Tulis seperti 2026-10-14 atau 14/10/2026."},
		{header: "jam", text: true, width: 8, help: "Jam pengisian, misalnya 09:30 atau 9.30; kosong: 12:00.",
			prompt: "Tulis seperti 09:30 (boleh kosong)."},
	}
	for _, h := range ResponseColumns[4:13] {
		q := questionFor(questions, h)
		cols = append(cols, templateColumn{header: h, inline: []string{"1", "2", "3", "4"}, width: 8,
			help:   fmt.Sprintf("Jawaban pertanyaan %d (%s, %s): 1 sampai 4; kosong bila tidak dijawab.", q.Number, q.Element.Code(), q.Element.Name()),
			prompt: answerScale(q, "\n") + "\nKosongkan bila tidak dijawab."})
	}
	cols = append(cols,
		templateColumn{header: "umur", whole: [2]int{10, 120}, width: 8, help: "Umur responden dalam tahun, 10 sampai 120.",
			prompt: "Bilangan bulat 10 sampai 120 (boleh kosong)."},
		templateColumn{header: "jenis_kelamin", list: names(survey.Genders, survey.GenderName), width: 14,
			help: "Jenis kelamin: Laki-laki atau Perempuan (boleh juga L atau P)."},
		templateColumn{header: "pendidikan", list: survey.Educations, width: 12, help: "Pendidikan terakhir."},
		templateColumn{header: "pekerjaan", list: survey.Occupations, width: 18, help: "Pekerjaan utama."},
		templateColumn{header: "saran", maxLen: survey.MaxSaran, width: 40,
			help: fmt.Sprintf("Saran atau masukan responden, paling panjang %s karakter.", survey.FormatInt(survey.MaxSaran))},
	)
	scale := [][]string{{"Kolom", "Pertanyaan", "Unsur", "Jawaban"}}
	for _, h := range ResponseColumns[4:13] {
		q := questionFor(questions, h)
		scale = append(scale, []string{h, strconv.Itoa(q.Number), q.Element.Code() + " " + q.Element.Name(), answerScale(q, "; ")})
	}
	return importTemplate{
		sheet:   TemplateSheetResponses,
		columns: cols,
		title:   "Petunjuk pengisian templat kuesioner kertas — " + a.Name,
		intro: []string{
			"Isi satu baris untuk satu kuesioner kertas pada lembar " + TemplateSheetResponses + ", mulai baris 2. Jangan mengubah judul kolom di baris 1, dan biarkan lembar " + TemplateSheetResponses + " tetap menjadi lembar pertama.",
			"Kolom bertanda \"wajib\" harus diisi. Kolom dengan daftar pilihan menampilkan panah di sel; nama layanan ditulis persis seperti di daftar (huruf besar/kecil dan spasi tidak berpengaruh).",
		},
		sections: []templateSection{
			{title: "Skala jawaban (urutan pertanyaan di kertas: pertanyaan 8 = sarana U9, pertanyaan 9 = pengaduan U8)", table: scale},
			{title: "Nomor kuesioner", lines: []string{
				"Nomor kuesioner disarankan: kuesioner bernomor dikenali dari nomornya, sehingga berkas yang diperbaiki dapat diimpor ulang tanpa menghitung dua kali.",
				"Baris tanpa nomor dikenali dari isinya (layanan, tanggal dan jam, jawaban, profil, saran): baris yang sama diimpor dua kali hanya disimpan sekali, dan impor ulang berkas yang ditambah baris hanya menyimpan baris baru.",
				"Dua kuesioner tanpa nomor yang isinya persis sama dalam satu berkas dihitung dua kali (dua responden). Baris tanpa nomor yang isinya diperbaiki dihitung sebagai kuesioner baru.",
			}},
			{title: "Tanggal dan jam", lines: []string{
				"Tanggal: 2026-10-14, 14/10/2026 atau 14-10-2026 (hari/bulan/tahun). Jam: 09:30 atau 9.30. Sel tanggal dan jam berformat teks, jadi yang diketik tersimpan apa adanya.",
				"Tanggal tidak boleh di masa depan, dan periode survei yang sudah ditutup (hasilnya dipublikasikan) tidak menerima kuesioner baru.",
			}},
			{title: "Batas dan pemeriksaan", lines: []string{
				limitsNote(),
				"Unggah berkas di halaman Impor berkas (/impor/" + a.Code + "): setiap masalah ditampilkan sebagai \"baris N, kolom X: …\" dan tidak ada yang disimpan sebelum berkas bersih dan Anda menekan Simpan.",
				"Di server: skm import responses BERKAS --agency " + a.Code + " --dry-run",
			}},
		},
	}
}

// answerScale words a question's answers with their values: "1 = Tidak sesuai; 2 = …".
func answerScale(q survey.Question, sep string) string {
	scale := make([]string, len(q.Labels))
	for v, l := range q.Labels {
		scale[v] = fmt.Sprintf("%d = %s", v+1, l)
	}
	return strings.Join(scale, sep)
}

// questionFor is the question whose answers the column with header h holds ("P8_U9").
func questionFor(questions []survey.Question, h string) survey.Question {
	m := elementHeader.FindStringSubmatch(h)
	for _, q := range questions {
		if m != nil && q.Element.Code() == strings.ToUpper(m[1]) {
			return q
		}
	}
	panic("ingest: no question for template column " + h)
}

// The case template's example row has this number (not of the register's own five-digit
// format) and officer; the importer refuses a row that still has both.
const (
	exampleCaseID  = "REG-2026-0001"
	exampleOfficer = "Nama Petugas"
)

// casesTemplate is the case-import template of agency a.
func casesTemplate(a *standard.Agency) importTemplate {
	svc := a.Services[0]
	status := cases.StatusName(cases.StatusSelesai)
	example := []string{exampleCaseID, standard.KindName(svc.Kind), svc.Name, standard.ChannelName(a.Channels[0]), "", status,
		"2026-10-14 10:00", "2026-10-15 14:30", exampleOfficer, ""}
	class := templateColumn{header: "klasifikasi", width: 30,
		help: "Standar pelayanan instansi ini tidak membagi pengaduan per kelas; kosongkan."}
	if len(a.ComplaintClasses) > 0 {
		class.list = names(a.ComplaintClassCodes(), a.ClassName)
		class.help = "Kelas pengaduan (hanya untuk pengaduan; menentukan batas waktunya); boleh kosong."
	}
	cols := []templateColumn{
		{header: "nomor", required: true, text: true, width: 18,
			help: "Nomor registrasi/agenda, unik di instansi. Nomor yang sudah tersimpan memperbarui kasusnya (status tidak boleh mundur)."},
		{header: "jenis", list: names(standard.Kinds, standard.KindName), width: 20,
			help: "Jenis kasus; kosong: jenis bawaan layanan."},
		{header: "layanan", required: true, list: serviceNames(a), width: 40,
			help: "Layanan; pilih dari daftar (nama layanan) atau tulis kodenya.", prompt: "Pilih layanan dari daftar."},
		{header: "saluran", required: true, list: names(a.Channels, standard.ChannelName), width: 20,
			help: "Saluran masuknya permohonan atau pengaduan."},
		class,
		{header: "status", list: names(cases.Statuses, cases.StatusName), width: 12,
			help: "Status kasus; kosong: Selesai bila waktu selesai diisi, selain itu Diterima."},
		{header: "diterima", required: true, text: true, width: 18,
			help:   "Tanggal dan jam diterima, waktu setempat: 2026-10-14 10:00 atau 14/10/2026 10.00.",
			prompt: "Tulis seperti 2026-10-14 10:00 atau 14/10/2026 10.00."},
		{header: "selesai", text: true, width: 18,
			help:   "Tanggal dan jam selesai (wajib bila status Selesai), dalam bentuk yang sama.",
			prompt: "Tulis seperti 2026-10-15 14:30; kosong bila belum selesai."},
		{header: "petugas", maxLen: 100, width: 24, help: "Nama petugas penanggung jawab, paling panjang 100 karakter."},
		{header: "rujukan", maxLen: 100, width: 20, help: "Nomor rujukan, misalnya nomor tracking SP4N-LAPOR!; paling panjang 100 karakter."},
	}
	return importTemplate{
		sheet:   TemplateSheetCases,
		columns: cols,
		example: example,
		title:   "Petunjuk pengisian templat kasus — " + a.Name,
		intro: []string{
			"Isi satu baris untuk satu kasus (permohonan layanan atau pengaduan) pada lembar " + TemplateSheetCases + ", mulai baris 2; hapus baris contoh. Jangan mengubah judul kolom di baris 1, dan biarkan lembar " + TemplateSheetCases + " tetap menjadi lembar pertama.",
			"Kolom bertanda \"wajib\" harus diisi. Kolom dengan daftar pilihan menampilkan panah di sel; yang ditulis persis seperti di daftar (huruf besar/kecil dan spasi tidak berpengaruh), atau kodenya.",
		},
		sections: []templateSection{
			{title: "Tanggal dan jam", lines: []string{
				"Tulis 2026-10-14 10:00, 14/10/2026 10:00, 14/10/2026 10.00 atau 14 Oktober 2026 10:00, waktu setempat instansi; tanggal saja berarti pukul 00:00. Sel tanggal berformat teks, jadi yang diketik tersimpan apa adanya.",
			}},
			{title: "Batas dan pemeriksaan", lines: []string{
				limitsNote(),
				"Ekspor SP4N-LAPOR! dapat diimpor langsung tanpa templat ini (dikenali dari kolom nomor tracking).",
				"Unggah berkas di halaman Impor berkas (/impor/" + a.Code + "): setiap masalah ditampilkan sebagai \"baris N, kolom X: …\" dan tidak ada yang disimpan sebelum berkas bersih dan Anda menekan Simpan.",
				"Di server: skm import cases BERKAS --agency " + a.Code + " --dry-run",
			}},
		},
	}
}

// WriteResponsesTemplate writes the blank paper-questionnaire template to a file, as CSV or
// XLSX by the file's extension.
func WriteResponsesTemplate(path string, a *standard.Agency) error {
	return writeTemplateFile(path, a, WriteResponsesTemplateTo)
}

// WriteResponsesTemplateTo writes the blank paper-questionnaire template of agency a in
// format "csv" (";" and a UTF-8 BOM, as Indonesian Excel expects) or "xlsx" (with
// dropdowns, an instructions sheet and a hidden sheet of the dropdowns' lists).
func WriteResponsesTemplateTo(out io.Writer, format string, a *standard.Agency) error {
	return responsesTemplate(a).write(out, format)
}

// WriteCasesTemplate writes the blank case-import template to a file, as CSV or XLSX by the
// file's extension.
func WriteCasesTemplate(path string, a *standard.Agency) error {
	return writeTemplateFile(path, a, WriteCasesTemplateTo)
}

// WriteCasesTemplateTo writes the blank case-import template of agency a, with one example
// row, in format "csv" (";" and a UTF-8 BOM) or "xlsx" (with dropdowns, an instructions
// sheet and a hidden sheet of the dropdowns' lists).
func WriteCasesTemplateTo(out io.Writer, format string, a *standard.Agency) error {
	return casesTemplate(a).write(out, format)
}

// writeTemplateFile writes a template to path in the format its extension names.
func writeTemplateFile(path string, a *standard.Agency, write func(io.Writer, string, *standard.Agency) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("templat: %w", err)
	}
	if err := write(f, strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), "."), a); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

// write writes the template as CSV (the header and example rows only) or XLSX.
func (t importTemplate) write(out io.Writer, format string) error {
	rows := [][]string{t.headers()}
	if t.example != nil {
		rows = append(rows, t.example)
	}
	switch format {
	case "csv":
		if _, err := io.WriteString(out, "\ufeff"); err != nil {
			return fmt.Errorf("ingest: write template: %w", err)
		}
		w := csv.NewWriter(out)
		w.Comma = ';'
		_ = w.WriteAll(rows)
		if err := w.Error(); err != nil {
			return fmt.Errorf("ingest: write template: %w", err)
		}
		return nil
	case "xlsx":
		f, err := t.workbook(rows)
		if err != nil {
			return fmt.Errorf("ingest: build template: %w", err)
		}
		defer f.Close()
		if err := f.Write(out); err != nil {
			return fmt.Errorf("ingest: write template: %w", err)
		}
		return nil
	}
	return fmt.Errorf("templat: gunakan format csv atau xlsx")
}

// workbook builds the XLSX template: the data sheet with its rows, column formats and data
// validations, the instructions, and the hidden list sheet.
func (t importTemplate) workbook(rows [][]string) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := t.dataSheet(f, rows); err != nil {
		f.Close()
		return nil, err
	}
	if err := t.helpSheet(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func (t importTemplate) dataSheet(f *excelize.File, rows [][]string) error {
	sh := t.sheet
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	if _, err := f.NewSheet(TemplateSheetHelp); err != nil {
		return err
	}
	if _, err := f.NewSheet(TemplateSheetLists); err != nil {
		return err
	}
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": kept as typed
	if err != nil {
		return err
	}
	headStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	last := templateRows + 1
	listCol := 0
	for i, c := range t.columns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if c.width > 0 {
			if err := f.SetColWidth(sh, col, col, c.width); err != nil {
				return err
			}
		}
		if c.text {
			if err := f.SetColStyle(sh, col, textStyle); err != nil {
				return err
			}
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, last)
		switch {
		case len(c.list) > 0:
			listCol++
			lc, _ := excelize.ColumnNumberToName(listCol)
			if err := f.SetCellValue(TemplateSheetLists, lc+"1", c.header); err != nil {
				return err
			}
			for j, v := range c.list {
				if err := f.SetCellStr(TemplateSheetLists, lc+strconv.Itoa(j+2), v); err != nil {
					return err
				}
			}
			dv.SetSqrefDropList(fmt.Sprintf("%s!$%s$2:$%s$%d", TemplateSheetLists, lc, lc, len(c.list)+1))
			// A warning, not a stop: a code typed instead of the name is accepted too.
			dv.SetError(excelize.DataValidationErrorStyleWarning, "Tidak ada di daftar", "Pilih dari daftar "+c.header+" agar berkas dapat diimpor.")
		case len(c.inline) > 0:
			if err := dv.SetDropList(c.inline); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, "Jawaban tidak sah", "Isi 1, 2, 3 atau 4, atau kosongkan bila tidak dijawab.")
		case c.whole != [2]int{}:
			if err := dv.SetRange(c.whole[0], c.whole[1], excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, "Di luar batas", fmt.Sprintf("Isi bilangan bulat %d sampai %d.", c.whole[0], c.whole[1]))
		case c.maxLen > 0:
			if err := dv.SetRange(0, c.maxLen, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, "Terlalu panjang", fmt.Sprintf("Paling panjang %d karakter.", c.maxLen))
		case c.prompt == "":
			continue
		}
		if c.prompt != "" {
			dv.SetInput(c.header, c.prompt) // headers are short: Excel allows 32 characters
		}
		if err := f.AddDataValidation(sh, dv); err != nil {
			return fmt.Errorf("column %s: %w", c.header, err)
		}
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellStr(sh, cell, v); err != nil {
				return err
			}
		}
	}
	end, _ := excelize.ColumnNumberToName(len(t.columns))
	if err := f.SetCellStyle(sh, "A1", end+"1", headStyle); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.SetSheetVisible(TemplateSheetLists, false)
}

// helpWidths are the widths of the instructions' columns: a column's header, whether it is
// required, what it holds, its choices.
var helpWidths = [4]float64{16, 14, 60, 60}

// helpLines estimates the lines text takes wrapped in a column width wide (in characters),
// to give a row its height: spreadsheets do not grow rows of merged or newly written cells.
func helpLines(text string, width float64) int {
	n := 0
	for _, para := range strings.Split(text, "\n") {
		n += max(1, int(math.Ceil(float64(utf8.RuneCountInString(para))*1.1/width)))
	}
	return n
}

// helpSheet writes the instructions: a title, the introduction, the table of columns and
// the sections, on A4 landscape one page wide.
func (t importTemplate) helpSheet(f *excelize.File) error {
	sh := TemplateSheetHelp
	wrap := &excelize.Alignment{WrapText: true, Vertical: "top"}
	plain, err := f.NewStyle(&excelize.Style{Alignment: wrap})
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: wrap})
	if err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: wrap})
	if err != nil {
		return err
	}
	for i, w := range helpWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return err
		}
	}
	row := 1
	// line writes text across the four columns; cells writes a table row.
	line := func(text string, style int, height float64) error {
		a, d := "A"+strconv.Itoa(row), "D"+strconv.Itoa(row)
		if err := f.SetCellStr(sh, a, text); err != nil {
			return err
		}
		if err := f.MergeCell(sh, a, d); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, a, d, style); err != nil {
			return err
		}
		lines := helpLines(text, helpWidths[0]+helpWidths[1]+helpWidths[2]+helpWidths[3])
		if err := f.SetRowHeight(sh, row, float64(lines)*height); err != nil {
			return err
		}
		row++
		return nil
	}
	cells := func(values []string, style int) error {
		lines := 1
		for c, v := range values {
			cell, _ := excelize.CoordinatesToCellName(c+1, row)
			if err := f.SetCellStr(sh, cell, v); err != nil {
				return err
			}
			if err := f.SetCellStyle(sh, cell, cell, style); err != nil {
				return err
			}
			lines = max(lines, helpLines(v, helpWidths[c]))
		}
		if err := f.SetRowHeight(sh, row, float64(lines)*15); err != nil {
			return err
		}
		row++
		return nil
	}
	if err := line(t.title, title, 20); err != nil {
		return err
	}
	for _, l := range t.intro {
		if err := line(l, plain, 15); err != nil {
			return err
		}
	}
	row++
	if err := cells([]string{"Kolom", "Wajib?", "Isi", "Pilihan"}, bold); err != nil {
		return err
	}
	for _, c := range t.columns {
		need := "boleh kosong"
		if c.required {
			need = "wajib"
		}
		if err := cells([]string{c.header, need, c.help, c.choices()}, plain); err != nil {
			return err
		}
	}
	for _, s := range t.sections {
		row++
		if err := line(s.title, bold, 15); err != nil {
			return err
		}
		for _, l := range s.lines {
			if err := line(l, plain, 15); err != nil {
				return err
			}
		}
		for i, r := range s.table {
			style := plain
			if i == 0 {
				style = bold
			}
			if err := cells(r, style); err != nil {
				return err
			}
		}
	}
	landscape, a4, wide, tall := "landscape", 9, 1, 0
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	return f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit})
}
