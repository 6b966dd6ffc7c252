// Upload with a progress bar (the form still works without this script).
(function () {
  "use strict";
  var form = document.getElementById("upload");
  if (!form || !window.FormData) return;
  var bar = document.getElementById("upload-progress");
  var status = document.getElementById("upload-status");
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var data = new FormData();
    var files = form.querySelector('input[type="file"]').files;
    for (var i = 0; i < files.length; i++) data.append("files", files[i]);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/documents");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    bar.hidden = false;
    bar.value = 0;
    status.textContent = "正在上传…";
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
    };
    xhr.onload = function () {
      if (xhr.status === 201) {
        status.textContent = "上传完成，正在排队检查";
        window.location.reload();
      } else {
        var msg = "上传失败";
        try { msg = JSON.parse(xhr.responseText).detail || msg; } catch (e) { /* not JSON */ }
        status.textContent = typeof msg === "string" ? msg : "上传失败";
      }
    };
    xhr.onerror = function () { status.textContent = "上传失败：网络错误"; };
    xhr.send(data);
  });
})();
