// The site check page in the browser: scan workers' QR codes with the phone's camera (jsQR, served by
// Veileder from node_modules), read an uploaded list into the text box, and print. Everything else works
// without this script: the text box posts as an ordinary form.
(() => {
  var roster = document.getElementById('roster');
  var scanner = document.querySelector('.scanner');
  var button = document.getElementById('scan-button');
  var help = document.getElementById('scan-help');
  var video = document.getElementById('scan-video');
  var canvas = document.getElementById('scan-canvas');
  var status = document.getElementById('scan-status');
  var fileInput = document.getElementById('roster-file');
  var fileLabel = document.getElementById('roster-file-label');
  var printButton = document.getElementById('print-button');
  if (printButton)
    printButton.addEventListener('click', () => {
      window.print();
    });
  if (!roster || !scanner) return;

  if (fileInput && fileLabel && window.FileReader) {
    fileInput.hidden = false;
    fileLabel.hidden = false;
    fileInput.addEventListener('change', () => {
      var file = fileInput.files?.[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = () => {
        var text = String(reader.result || '');
        roster.value = roster.value.trim() ? roster.value.replace(/\s*$/, '\n') + text : text;
      };
      reader.readAsText(file);
    });
  }

  var seen = {};
  var count = 0;
  roster.value.split(/\r?\n/).forEach((line) => {
    if (line.trim()) seen[line.trim()] = true;
  });

  /** Adds a scanned value as a new line, once. Exposed so a test can feed a decoded code without a camera. */
  function addScanned(value) {
    var text = String(value || '').trim();
    if (!text || seen[text]) return false;
    seen[text] = true;
    count += 1;
    roster.value = roster.value.trim() ? roster.value.replace(/\s*$/, '\n') + text : text;
    status.textContent = scanner.getAttribute('data-scanned-label').replace('{count}', String(count));
    if (navigator.vibrate) navigator.vibrate(80);
    return true;
  }
  window.veilederSiteCheck = { addScanned: addScanned };

  if (!navigator.mediaDevices?.getUserMedia || typeof window.jsQR !== 'function') return;
  button.hidden = false;
  var stream = null;
  var context = canvas.getContext('2d', { willReadFrequently: true });

  function stop() {
    if (stream)
      stream.getTracks().forEach((track) => {
        track.stop();
      });
    stream = null;
    video.hidden = true;
    help.hidden = true;
    button.textContent = scanner.getAttribute('data-scan-label');
  }

  function tick() {
    if (!stream) return;
    if (video.readyState === video.HAVE_ENOUGH_DATA && video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (code?.data) addScanned(code.data);
    }
    window.requestAnimationFrame(tick);
  }

  button.addEventListener('click', () => {
    if (stream) return stop();
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((media) => {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        help.hidden = false;
        button.textContent = scanner.getAttribute('data-stop-label');
        return video.play().then(() => {
          window.requestAnimationFrame(tick);
        });
      })
      .catch(() => {
        stop();
        status.textContent = scanner.getAttribute('data-no-camera');
      });
  });
  document.getElementById('check-form').addEventListener('submit', stop);
})();
