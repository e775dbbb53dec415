// Starts every chart of a staff page. Chart options come as JSON data blocks
// (<script type="application/json" data-chart="ID">), written by the server with <, > and &
// escaped, so no text in the data can end the block or run as script; this file is the
// only script that runs (Content-Security-Policy: script-src 'self').
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return;
  }
  // ECharts ships no Indonesian locale: these are its texts in Indonesian.
  echarts.registerLocale('ID', {
    time: {
      month: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
      monthAbbr: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
      dayOfWeek: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
      dayOfWeekAbbr: ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab']
    },
    legend: { selector: { all: 'Semua', inverse: 'Balik' } },
    toolbox: {
      brush: { title: { rect: 'Pilih kotak', polygon: 'Pilih laso', lineX: 'Pilih horizontal', lineY: 'Pilih vertikal', keep: 'Simpan pilihan', clear: 'Hapus pilihan' } },
      dataView: { title: 'Lihat data', lang: ['Lihat data', 'Tutup', 'Muat ulang'] },
      dataZoom: { title: { zoom: 'Perbesar', back: 'Kembalikan' } },
      magicType: { title: { line: 'Grafik garis', bar: 'Grafik batang', stack: 'Tumpuk', tiled: 'Berdampingan' } },
      restore: { title: 'Pulihkan' },
      saveAsImage: { title: 'Simpan sebagai gambar', lang: ['Klik kanan untuk menyimpan gambar'] }
    },
    series: {
      typeNames: {
        pie: 'Diagram lingkaran', bar: 'Diagram batang', line: 'Diagram garis', scatter: 'Diagram sebar',
        effectScatter: 'Diagram sebar', radar: 'Diagram radar', tree: 'Pohon', treemap: 'Peta pohon',
        boxplot: 'Diagram kotak', candlestick: 'Diagram lilin', k: 'Diagram K', heatmap: 'Peta panas',
        map: 'Peta', parallel: 'Koordinat paralel', lines: 'Grafik garis', graph: 'Grafik relasi',
        sankey: 'Diagram Sankey', funnel: 'Diagram corong', gauge: 'Alat ukur', pictorialBar: 'Batang bergambar',
        themeRiver: 'Sungai tema', sunburst: 'Sunburst', custom: 'Grafik khusus', chart: 'Grafik'
      }
    },
    aria: {
      general: { withTitle: 'Grafik tentang "{title}"', withoutTitle: 'Grafik' },
      series: {
        single: { prefix: '', withName: ' berjenis {seriesType} bernama {seriesName}.', withoutName: ' berjenis {seriesType}.' },
        multiple: {
          prefix: '. Terdiri atas {seriesCount} seri.',
          withName: ' Seri {seriesId} adalah {seriesType} untuk {seriesName}.',
          withoutName: ' Seri {seriesId} adalah {seriesType}.',
          separator: { middle: '', end: '' }
        }
      },
      data: {
        allData: 'Datanya: ', partialData: '{displayCnt} data pertama: ',
        withName: '{name} bernilai {value}', withoutName: '{value}',
        separator: { middle: ', ', end: '. ' }
      }
    }
  });

  var charts = [];
  var blocks = document.querySelectorAll('script[type="application/json"][data-chart]');
  for (var i = 0; i < blocks.length; i++) {
    var block = blocks[i];
    var el = document.getElementById(block.getAttribute('data-chart'));
    if (!el) {
      continue;
    }
    try {
      var chart = echarts.init(el, null, { renderer: 'svg', locale: 'ID' });
      chart.setOption(JSON.parse(block.textContent));
      charts.push(chart);
    } catch (e) {
      el.textContent = 'Grafik gagal ditampilkan.';
      el.className += ' failed';
    }
  }
  function resize() {
    for (var j = 0; j < charts.length; j++) {
      charts[j].resize();
    }
  }
  var pending;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(resize, 100);
  });
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
  // The month and service filters apply as soon as they change.
  var filters = document.querySelectorAll('form.filters select');
  for (var k = 0; k < filters.length; k++) {
    filters[k].addEventListener('change', function (ev) { ev.target.form.submit(); });
  }
})();
