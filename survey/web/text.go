package web

import (
	"fmt"

	"skm/survey"
)

// texts holds the UI wording, Indonesian first and English second.
var texts = map[string][2]string{
	"form.title":          {"Survei Kepuasan Masyarakat", "Public Satisfaction Survey"},
	"form.intro":          {"Bantu kami memperbaiki pelayanan. Survei ini tanpa nama, sukarela, dan butuh kurang dari 2 menit.", "Help us improve our services. This survey is anonymous, voluntary and takes less than 2 minutes."},
	"form.service":        {"Layanan", "Service"},
	"form.profile":        {"Tentang Saudara (boleh dikosongkan)", "About you (optional)"},
	"form.umur":           {"Umur (tahun)", "Age (years)"},
	"form.gender":         {"Jenis kelamin", "Gender"},
	"form.L":              {"Laki-laki", "Male"},
	"form.P":              {"Perempuan", "Female"},
	"form.education":      {"Pendidikan terakhir", "Highest education"},
	"form.occupation":     {"Pekerjaan utama", "Main occupation"},
	"form.choose":         {"— pilih —", "— choose —"},
	"form.optional":       {"boleh dikosongkan", "optional"},
	"form.saran":          {"Saran dan masukan (boleh dikosongkan)", "Suggestions and feedback (optional)"},
	"form.saran.short":    {"Saran dan masukan", "Suggestions and feedback"},
	"form.kode":           {"Kode kunjungan pada tanda terima", "Visit code on your receipt"},
	"form.kode.ask":       {"Punya kode kunjungan? (boleh dikosongkan)", "Have a visit code? (optional)"},
	"form.kode.short":     {"Kode kunjungan", "Visit code"},
	"form.unanswered":     {"belum dijawab", "not answered"},
	"form.privacy":        {"Apa yang kami simpan dari survei ini", "What we keep from this survey"},
	"form.profile.why":    {"Umur, jenis kelamin, pendidikan, dan pekerjaan hanya dipakai untuk menggambarkan responden sebagai kelompok dalam laporan survei, tidak untuk mengenali Saudara.", "Age, gender, education and occupation are only used to describe respondents as a group in the survey report, never to identify you."},
	"form.saran.hint":     {"Saran dibaca petugas. Jangan tulis nama, NIK, atau nomor telepon di sini.", "Staff read suggestions. Do not write your name, ID number or phone number here."},
	"form.submit":         {"Kirim jawaban", "Send answers"},
	"form.honeypot":       {"Jangan isi kolom ini", "Leave this field empty"},
	"form.lang":           {"English", "Bahasa Indonesia"},
	"form.errors.one":     {"Ada 1 isian yang perlu diperbaiki", "There is 1 problem to fix"},
	"form.errors.many":    {"Ada %d isian yang perlu diperbaiki", "There are %d problems to fix"},
	"form.error":          {"Kesalahan", "Error"},
	"thanks.title":        {"Terima kasih", "Thank you"},
	"thanks.body":         {"Jawaban Saudara sudah kami terima. Hasil survei diolah setiap periode dan diumumkan kepada masyarakat, dan dipakai untuk memperbaiki pelayanan.", "We have received your answers. The results are processed every period, published, and used to improve our services."},
	"thanks.results":      {"Lihat hasil survei", "See the survey results"},
	"complaint.title":     {"Kurang puas dengan pelayanan kami?", "Not satisfied with our service?"},
	"complaint.body":      {"Survei ini tanpa nama, sehingga kami tidak dapat membalasnya. Jika Saudara ingin keluhan Saudara ditangani dan dijawab, sampaikan pengaduan melalui salah satu saluran berikut:", "This survey is anonymous, so we cannot reply to it. If you want your complaint handled and answered, send it through one of these channels:"},
	"complaint.lapor":     {"SP4N-LAPOR! (layanan pengaduan nasional)", "SP4N-LAPOR! (the national complaints service)"},
	"complaint.whatsapp":  {"WhatsApp", "WhatsApp"},
	"complaint.phone":     {"Telepon", "Telephone"},
	"complaint.email":     {"Email", "Email"},
	"complaint.address":   {"Datang langsung atau kirim surat ke", "In person or by letter at"},
	"kiosk.title":         {"Pilih layanan yang Saudara terima", "Choose the service you received"},
	"kiosk.again":         {"Mulai lagi", "Start again"},
	"kiosk.back":          {"Kembali ke awal dalam beberapa detik.", "Returning to the start in a few seconds."},
	"kiosk.intro":         {"Bagaimana pelayanan kami hari ini? Jawab dengan menyentuh pilihan di layar. Tanpa nama, sukarela, kurang dari 2 menit.", "How was our service today? Answer by touching the screen. Anonymous, voluntary, less than 2 minutes."},
	"kiosk.start":         {"Mulai", "Start"},
	"kiosk.question":      {"Pertanyaan %d dari %d", "Question %d of %d"},
	"kiosk.extra":         {"Pertanyaan tambahan %d dari %d (boleh dilewati)", "Additional question %d of %d (optional)"},
	"kiosk.profile":       {"Tentang Saudara %d dari %d (boleh dilewati)", "About you %d of %d (optional)"},
	"kiosk.code":          {"Kode kunjungan", "Visit code"},
	"kiosk.code.hint":     {"Sentuh huruf dan angka kode satu per satu, lalu Lanjut. Tidak ada kode? Pilih Lewati.", "Touch the code's letters and digits one by one, then Next. No code? Choose Skip."},
	"kiosk.code.bad":      {"Kode kunjungan tidak dikenal; periksa kembali tanda terima Saudara, atau pilih Lewati.", "Unknown visit code; check your receipt again, or choose Skip."},
	"kiosk.umur":          {"Berapa umur Saudara?", "How old are you?"},
	"kiosk.umur.hint":     {"Sentuh angkanya, lalu Lanjut.", "Touch the digits, then Next."},
	"kiosk.progress":      {"Kemajuan", "Progress"},
	"kiosk.prev":          {"Kembali", "Back"},
	"kiosk.cancel":        {"Batal", "Cancel"},
	"kiosk.skip":          {"Lewati", "Skip"},
	"kiosk.next":          {"Lanjut", "Next"},
	"kiosk.delete":        {"Hapus", "Delete"},
	"kiosk.delete.name":   {"Hapus satu tanda", "Delete one character"},
	"kiosk.empty":         {"belum diisi", "empty"},
	"kiosk.privacy":       {"Privasi", "Privacy"},
	"kiosk.incomplete":    {"Jawaban belum lengkap dan belum tersimpan. Silakan mulai lagi.", "The answers are incomplete and were not saved. Please start again."},
	"kiosk.waiting":       {"%s jawaban menunggu dikirim.", "%s answers waiting to be sent."},
	"kiosk.refused":       {"%s jawaban ditolak server: %s.", "%s answers refused by the server: %s."},
	"kiosk.revoked":       {"Perangkat kios ini tidak lagi terdaftar; hubungi petugas. Jawaban tetap tersimpan di perangkat ini.", "This kiosk device is no longer registered; please tell the staff. The answers stay on this device."},
	"kiosk.unregistered":  {"Perangkat kios ini belum terdaftar, jadi jawaban yang tertunda tidak dapat dikirim; hubungi petugas. Jawaban tetap tersimpan di perangkat ini.", "This kiosk device is not registered, so waiting answers cannot be sent; please tell the staff. The answers stay on this device."},
	"kiosk.registered":    {"Perangkat kios terdaftar: %s.", "Kiosk device registered: %s."},
	"kiosk.insecure":      {"Kios ini dibuka lewat HTTP biasa, bukan HTTPS: mode luring tidak aktif. Bila jaringan putus, jangan muat ulang halaman; jawaban disimpan di perangkat dan dikirim saat jaringan kembali.", "This kiosk is opened over plain HTTP, not HTTPS: offline mode is off. If the network drops, do not reload the page; answers are kept on the device and sent when the network returns."},
	"notfound.title":      {"Halaman tidak ditemukan", "Page not found"},
	"notfound.body":       {"Alamat ini tidak dikenal. Periksa kembali alamatnya, atau pilih layanan di bawah ini.", "This address is unknown. Check the address, or choose a service below."},
	"busy.title":          {"Maaf, jawaban belum tersimpan", "Sorry, your answers were not saved"},
	"busy.body":           {"Sistem sedang sibuk atau penyimpanan sementara penuh. Jawaban Saudara belum tersimpan; silakan coba kirim lagi beberapa saat lagi.", "The system is busy or its temporary storage is full. Your answers were not saved; please try again in a moment."},
	"limit.title":         {"Terlalu banyak pengiriman", "Too many submissions"},
	"limit.body":          {"Terlalu banyak jawaban dikirim dari perangkat atau jaringan ini dalam waktu singkat. Silakan coba lagi sebentar lagi.", "Too many answers were sent from this device or network in a short time. Please try again shortly."},
	"toolarge.title":      {"Isian terlalu panjang", "Submission too large"},
	"toolarge.body":       {"Isian yang dikirim terlalu panjang dan belum tersimpan. Persingkat saran atau masukan Saudara, lalu kirim lagi.", "What you sent is too long and was not saved. Shorten your suggestion, then send it again."},
	"poster.scan":         {"Pindai kode QR ini dengan kamera ponsel Saudara, lalu isi survei (kurang dari 2 menit).", "Scan this QR code with your phone's camera and fill in the survey (less than 2 minutes)."},
	"poster.type":         {"Tidak bisa memindai? Ketik alamat ini di peramban:", "Cannot scan? Type this address in your browser:"},
	"report.title":        {"Laporan belum dapat dibuat", "The report cannot be made"},
	"report.unavailable":  {"Laporan SKM periode ini sementara tidak dapat dibuat. Silakan coba lagi beberapa saat lagi.", "The survey report of this period cannot be made right now. Please try again in a moment."},
	"board.title":         {"Ukuran papan tidak dikenal", "Unknown board size"},
	"board.size":          {"Ukuran papan IKM harus A4 atau A3, misalnya ?ukuran=A3.", "The IKM board's size must be A4 or A3, e.g. ?ukuran=A3."},
	"results.unavailable": {"Hasil survei sementara tidak dapat ditampilkan. Silakan coba lagi nanti.", "The survey results cannot be shown right now. Please try again later."},
	"poster.heading":      {"Bagaimana pelayanan kami?", "How was our service?"},
	"poster.qr":           {"Kode QR alamat survei", "QR code of the survey's address"},
	"poster.print":        {"Ukuran kertas", "Paper size"},
	"poster.size.title":   {"Ukuran poster tidak dikenal", "Unknown poster size"},
	"poster.size.body":    {"Ukuran poster harus A4 atau A5, misalnya ?ukuran=A5.", "The poster size must be A4 or A5, for example ?ukuran=A5."},
	"privacy.title":       {"Privasi: apa yang kami simpan dari survei", "Privacy: what we keep from the survey"},
	"privacy.back":        {"Kembali ke awal", "Back to the start"},
}

// text returns the wording of key in lang.
func text(lang survey.Lang, key string) string {
	t, ok := texts[key]
	if !ok {
		return key
	}
	if lang == survey.EN {
		return t[1]
	}
	return t[0]
}

// textf is text with its %d and %s filled in.
func textf(lang survey.Lang, key string, args ...any) string {
	return fmt.Sprintf(text(lang, key), args...)
}
