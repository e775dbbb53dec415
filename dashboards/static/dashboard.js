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

  // Numbers the Indonesian way: 1.234,56. The options name their formats (the
  // Content-Security-Policy lets no code travel in them); these are the functions behind
  // the names, and the server's chartFormats formats the same way for screen readers.
  function number(v, decimals, trim) {
    var neg = v < 0;
    var parts = Math.abs(v).toFixed(decimals).split('.');
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    var frac = parts[1] || '';
    if (trim) {
      frac = frac.replace(/0+$/, '');
    }
    var s = whole + (frac ? ',' + frac : '');
    return neg && /[1-9]/.test(s) ? '-' + s : s;
  }
  var formats = {
    'skm:num': function (v) { return number(v, 4, true); },
    'skm:dec1': function (v) { return number(v, 1); },
    'skm:dec2': function (v) { return number(v, 2); },
    'skm:pct1': function (v) { return number(v, 1) + ' %'; }
  };
  // formatter wraps a format for ECharts, which passes a label's params object, an axis
  // label's value or a tooltip's value; a missing value reads "tidak ada data".
  function formatter(f) {
    return function (p) {
      var v = p !== null && typeof p === 'object' && !Array.isArray(p) ? p.value : p;
      if (Array.isArray(v)) {
        v = v[v.length - 1];
      }
      if (v === null || v === undefined || v === '' || v === '-' || isNaN(Number(v))) {
        return 'tidak ada data';
      }
      return f(Number(v));
    };
  }
  // named replaces, anywhere in the options, a formatter or valueFormatter naming one of our
  // formats by its function. Other strings stay ECharts templates ("{b}"); nothing is
  // evaluated. An unknown name fails the chart rather than show raw numbers.
  function named(o) {
    if (Array.isArray(o)) {
      for (var i = 0; i < o.length; i++) {
        named(o[i]);
      }
    } else if (o !== null && typeof o === 'object') {
      for (var k in o) {
        if (!Object.prototype.hasOwnProperty.call(o, k)) {
          continue;
        }
        var v = o[k];
        if ((k === 'formatter' || k === 'valueFormatter') && typeof v === 'string' && v.indexOf('skm:') === 0) {
          if (!Object.prototype.hasOwnProperty.call(formats, v)) {
            throw new Error('unknown chart format ' + v);
          }
          o[k] = formatter(formats[v]);
        } else {
          named(v);
        }
      }
    }
    return o;
  }

  // Small multiples (an option with a list of grids): title 0 is the caption, title i+1
  // names grid i. The plots go in as many columns as the width gives 220 px each, and the
  // container grows to hold the rows.
  var caption = 24, titleLines = 3, titleGap = 12, plot = 80, axis = 26, lineHeight = 15, gapX = 16;
  function layoutMultiples(el, option) {
    var n = Array.isArray(option.grid) ? option.grid.length : 0;
    if (n < 2) {
      return null;
    }
    var width = el.clientWidth;
    var cols = Math.max(1, Math.min(n, Math.floor(width / 220)));
    var cell = width / cols;
    var rowHeight = titleLines * lineHeight + titleGap + plot + axis;
    el.style.height = (caption + Math.ceil(n / cols) * rowHeight) + 'px';
    var grid = [], title = [{}];
    for (var i = 0; i < n; i++) {
      var left = (i % cols) * cell, top = caption + Math.floor(i / cols) * rowHeight;
      grid.push({ left: left + 30, width: cell - 30 - 44 - gapX, top: top + titleLines * lineHeight + titleGap, height: plot });
      title.push({ left: left, top: top, textStyle: { width: cell - gapX } });
    }
    return { grid: grid, title: title };
  }

  // fitLabels gives category names above their bars (labels inside the plot that break
  // lines) the chart's width, and each bar room for three lines of its name.
  function fitLabels(el, option) {
    var axes = [].concat(option.yAxis || []);
    var changed = false;
    for (var i = 0; i < axes.length; i++) {
      var label = axes[i] && axes[i].axisLabel;
      if (label && label.overflow === 'break' && label.inside) {
        label.width = el.clientWidth - 24;
        el.style.height = Math.max(el.clientHeight, 40 + (axes[i].data || []).length * 64) + 'px';
        changed = true;
      }
    }
    return changed ? { yAxis: axes } : null;
  }

  // follow opens the figures behind a clicked point: the server puts a link on each point
  // it has one for ("link": a path on this site; the same links are listed under the chart
  // for keyboard and print users).
  function follow(p) {
    var link = p && p.data && p.data.link;
    if (typeof link === 'string' && /^\/[^\/\\]/.test(link)) {
      window.location.assign(link);
    }
  }

  var charts = [];
  var blocks = document.querySelectorAll('script[type="application/json"][data-chart]');
  for (var i = 0; i < blocks.length; i++) {
    var block = blocks[i];
    var el = document.getElementById(block.getAttribute('data-chart'));
    if (!el) {
      continue;
    }
    try {
      var option = named(JSON.parse(block.textContent));
      var layout = layoutMultiples(el, option);
      fitLabels(el, option);
      var chart = echarts.init(el, null, { renderer: 'svg', locale: 'ID' });
      chart.setOption(option);
      if (layout) {
        chart.setOption(layout);
      }
      chart.on('click', follow);
      charts.push({ chart: chart, el: el, option: option });
    } catch (e) {
      el.textContent = 'Grafik gagal ditampilkan.';
      el.className += ' failed';
    }
  }
  function resize() {
    for (var j = 0; j < charts.length; j++) {
      var c = charts[j];
      var layout = layoutMultiples(c.el, c.option);
      var labels = fitLabels(c.el, c.option);
      c.chart.resize();
      if (layout) {
        c.chart.setOption(layout);
      }
      if (labels) {
        c.chart.setOption(labels);
      }
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
