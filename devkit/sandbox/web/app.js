// The sandbox page: pick who you are, read that person's chat with the bot, type, press buttons,
// send files, and move the clock. It talks only to /sandbox/* on the same origin.
const TEXT = {
  vi: {
    subtitle: "hộp cát — dùng thử không cần Telegram", today: "Hôm nay trong hộp cát:", who: "Bạn là ai?", clockTitle: "Đồng hồ",
    push: "{date}: gửi nhiệm vụ tháng", remind: "{date}: nhắc nhở", remind20: "{date}: nhắc lần cuối tháng", daily: "17:00: tổng hợp ngày",
    weekly: "Thứ Hai: tổng hợp tuần", optPush: "Gửi nhiệm vụ tháng", optRemind: "Nhắc nhở", optDeadlines: "Hạn các đợt khen thưởng",
    optDaily: "Tổng hợp ngày", optWeekly: "Tổng hợp tuần", run: "Chạy vào thời điểm này", send: "Gửi", placeholder: "Nhập tin nhắn…",
    replyingTo: "Trả lời:", reply: "↩ Trả lời", focal: "Cán bộ đầu mối", secretariat: "Ban Thi đua – Khen thưởng", group: "Nhóm (chat nhóm)",
    leader: "Lãnh đạo", admin: "Quản trị", empty: "Chưa có tin nhắn. Gửi /start, hoặc chạy một mục trong Đồng hồ.", lang: "English",
    ran: "Đã chạy «{job}» lúc {at}: {count} tin nhắn mới.", ranAgain: "Đã chạy «{job}» lúc {at}: không có tin nhắn mới ({already} tin đã gửi từ lần trước).",
    badDate: "Nhập ngày giờ dạng 02/04/2018 08:00.", datePlaceholder: "dd/mm/yyyy hh:mm", "set": "Đặt đồng hồ",
    notice: "Hộp cát để dùng thử dondoc trên máy này: dữ liệu mẫu, không mật khẩu, không ai khác vào được. Đừng nhập số liệu thật, đừng mở nó cho máy khác; dùng thật thì chạy dondoc với Telegram (xem README).",
    dashboard: "📊 Bảng theo dõi", close: "Đóng ✕", zaloNoDashboard: "Trên Zalo: gửi /bangtheodoi để nhận đường dẫn.",
  },
  en: {
    subtitle: "sandbox — try it without Telegram", today: "Today in the sandbox:", who: "Who are you?", clockTitle: "Clock",
    push: "{date}: send the month's tasks", remind: "{date}: reminders", remind20: "{date}: the month's last reminder", daily: "17:00: daily summary",
    weekly: "Monday: weekly digest", optPush: "Monthly tasks", optRemind: "Reminders", optDeadlines: "Round deadlines",
    optDaily: "Daily summary", optWeekly: "Weekly digest", run: "Run as of this time", send: "Send", placeholder: "Type a message…",
    replyingTo: "Replying to:", reply: "↩ Reply", focal: "Focal officer", secretariat: "Emulation and Commendation Board", group: "Group chat",
    leader: "Leader", admin: "Administrator", empty: "No message yet. Send /start, or run something from the Clock.", lang: "Tiếng Việt",
    ran: "Ran «{job}» as of {at}: {count} new messages.", ranAgain: "Ran «{job}» as of {at}: no new message ({already} were sent by an earlier run).",
    badDate: "Type the date and time as 02/04/2018 08:00.", datePlaceholder: "dd/mm/yyyy hh:mm", "set": "Set the clock",
    notice: "A sandbox for trying dondoc on this machine: sample data, no passwords, nobody else can reach it. Do not enter real figures or open it to other machines; for real use, run dondoc with Telegram (see the README).",
    dashboard: "📊 Dashboard", close: "Close ✕", zaloNoDashboard: "On Zalo: send /dashboard to get a link.",
  },
};
const COLORS = ["#2b7bd6", "#2e7d32", "#c2185b", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037"];
const state = { lang: "vi", personas: [], persona: null, messages: [], replyTo: null, lastAnswer: "", renderedKey: "", panel: {} };
const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[state.lang][key] ?? key;

/** "02/04/2018 08:00": an instant in Asia/Ho_Chi_Minh, day first in both languages. */
function localDateTime(instant) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

async function call(path, body) {
  const response = await fetch(path, body ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : undefined);
  const data = await response.json();
  if (!response.ok) throw new Error(data.error ?? response.statusText);
  return data;
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  // The quick buttons carry the sample's own dates: "1/3/2018" for the 2018 plan, "2/3/2026" for the 2026 one.
  for (const node of document.querySelectorAll("[data-panel]")) {
    const at = state.panel[node.dataset.panel];
    if (!at) continue;
    node.dataset.date = at;
    const [year, month, day] = at.slice(0, 10).split("-").map(Number);
    node.textContent = t(node.dataset.i18n).replace("{date}", node.dataset.panel === "push" ? `${day}/${month}/${year}` : `${day}/${month}`);
  }
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  $("lang").textContent = t("lang");
  renderPersonas();
  state.renderedKey = "";
  renderMessages();
}

function initials(name) {
  return name.split(" — ")[0].split(" ").slice(-2).map((w) => w[0]).join("").toUpperCase();
}

function renderPersonas() {
  const list = $("personas");
  list.replaceChildren(
    ...state.personas.map((persona, index) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.persona = persona.key;
      button.setAttribute("aria-current", String(state.persona?.key === persona.key));
      const avatar = document.createElement("span");
      avatar.className = "avatar";
      avatar.style.background = COLORS[index % COLORS.length];
      avatar.textContent = persona.role === "group" ? "#" : initials(persona.name);
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = persona.name;
      const role = document.createElement("small");
      role.textContent = persona.zaloId ? `${t(persona.role)} · Zalo` : t(persona.role);
      who.append(role);
      button.append(avatar, who);
      button.addEventListener("click", () => choose(persona));
      item.append(button);
      return item;
    }),
  );
}

// Bot messages are Telegram HTML; only Telegram's own tags are kept, everything else is text.
const ALLOWED = new Set(["B", "STRONG", "I", "EM", "U", "S", "CODE", "PRE", "A", "BLOCKQUOTE"]);
function safeHtml(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const clean = (node) => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === Node.ELEMENT_NODE) {
        if (!ALLOWED.has(child.tagName)) child.replaceWith(document.createTextNode(child.textContent));
        else {
          for (const attribute of [...child.attributes]) if (!(child.tagName === "A" && attribute.name === "href" && /^https?:/.test(attribute.value))) child.removeAttribute(attribute.name);
          clean(child);
        }
      }
    }
  };
  clean(template.content);
  return template.content;
}

function renderMessage(message) {
  const mine = !message.from.is_bot && message.from.id === state.persona.userId;
  const item = document.createElement("li");
  item.className = `msg${mine ? " mine" : ""}`;
  item.dataset.id = message.message_id;
  if (!mine) {
    const from = document.createElement("div");
    from.className = "from";
    from.textContent = message.from.is_bot ? "dondoc" : message.from.first_name;
    item.append(from);
  }
  const body = document.createElement("div");
  body.className = "body";
  if (message.html) body.append(safeHtml(message.html));
  else if (message.text || message.caption) body.textContent = message.text ?? message.caption;
  item.append(body);
  if (message.photo || message.photoUrl) {
    const image = document.createElement("img");
    image.src = message.photoUrl ?? `/sandbox/files/${message.photo.at(-1).file_id}`;
    image.alt = "";
    item.append(image);
  }
  if (message.document) {
    const link = document.createElement("a");
    link.className = "file";
    link.href = `/sandbox/files/${message.document.file_id}`;
    link.textContent = `📄 ${message.document.file_name}`;
    link.download = message.document.file_name;
    item.append(link);
  }
  if (message.reply_markup?.inline_keyboard?.length) {
    const keyboard = document.createElement("div");
    keyboard.className = "keyboard";
    for (const row of message.reply_markup.inline_keyboard) {
      const line = document.createElement("div");
      line.className = "row";
      for (const key of row) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = key.text;
        button.addEventListener("click", () => (key.callback_data ? press(message.message_id, key.callback_data) : openButton(key)));
        line.append(button);
      }
      keyboard.append(line);
    }
    item.append(keyboard);
  }
  const meta = document.createElement("div");
  meta.className = "meta";
  const time = document.createElement("span");
  time.textContent = new Date(message.date * 1000).toLocaleString(state.lang === "vi" ? "vi-VN" : "en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" });
  meta.append(time);
  // Zalo has no reply-to-message: its chat is drawn as Zalo shows it, plain, without buttons.
  if (message.from.is_bot && !state.persona.zaloId) {
    const reply = document.createElement("button");
    reply.type = "button";
    reply.textContent = t("reply");
    reply.addEventListener("click", () => {
      state.replyTo = message.message_id;
      $("replying").hidden = false;
      $("replying-text").textContent = (message.text ?? message.caption ?? "").slice(0, 60);
      $("text").focus();
    });
    meta.append(reply);
  }
  item.append(meta);
  return item;
}

function renderMessages() {
  if (!state.persona) return;
  const key = JSON.stringify(state.messages.map((m) => [m.message_id, m.text, m.html, m.reply_markup]));
  if (key === state.renderedKey) return;
  state.renderedKey = key;
  const list = $("messages");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  if (state.messages.length === 0) {
    const empty = document.createElement("li");
    empty.className = "msg";
    empty.textContent = t("empty");
    list.replaceChildren(empty);
  } else list.replaceChildren(...state.messages.map(renderMessage));
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function toast(text) {
  const box = $("toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (box.hidden = true), 3500);
}

async function refresh() {
  if (!state.persona) return;
  const data = await call(`/sandbox/chats/${state.persona.chatId}/messages?user=${state.persona.userId}`);
  state.messages = data.messages;
  renderMessages();
  const answer = data.answers.at(-1);
  const answerKey = answer ? JSON.stringify(answer) + data.answers.length : "";
  if (answer?.text && answerKey !== state.lastAnswer) toast(answer.text);
  state.lastAnswer = answerKey || state.lastAnswer;
  const status = await call("/sandbox/state");
  $("now").textContent = new Date(status.now).toLocaleString(state.lang === "vi" ? "vi-VN" : "en-GB", { timeZone: "Asia/Ho_Chi_Minh", dateStyle: "full", timeStyle: "short" });
}

function choose(persona) {
  state.persona = persona;
  state.replyTo = null;
  state.renderedKey = "";
  $("replying").hidden = true;
  $("chat-title").textContent = persona.name;
  $("chat-role").textContent = persona.zaloId ? `${t(persona.role)} · Zalo` : t(persona.role);
  document.body.classList.toggle("zalo", Boolean(persona.zaloId));
  renderPersonas();
  void refresh();
}

/**
 * A Web App, login or link button: the sandbox plays Telegram, which signs who pressed it and
 * opens the page (the dashboard) in a panel beside the chat.
 */
async function openButton(key) {
  if (key.url) return showMiniApp(key.url);
  const kind = key.login_url ? "login" : "webapp";
  const { url } = await call("/sandbox/open", { persona: state.persona.key, kind, url: (key.web_app ?? key.login_url).url });
  showMiniApp(url);
}

async function openDashboard() {
  if (!state.persona) return;
  if (state.persona.zaloId) return toast(t("zaloNoDashboard"));
  const { url } = await call("/sandbox/open", { persona: state.persona.key, kind: state.persona.role === "group" ? "login" : "webapp" });
  showMiniApp(url);
}

function showMiniApp(url) {
  $("miniapp-frame").src = url;
  $("miniapp").hidden = false;
}

async function press(messageId, data) {
  await call(`/sandbox/chats/${state.persona.chatId}/press`, { persona: state.persona.key, messageId, data });
  setTimeout(refresh, 250);
}

$("composer").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = $("text").value.trim();
  if (!text || !state.persona) return;
  $("text").value = "";
  await call(`/sandbox/chats/${state.persona.chatId}/send`, { persona: state.persona.key, text, replyTo: state.replyTo });
  state.replyTo = null;
  $("replying").hidden = true;
  setTimeout(refresh, 250);
});
$("text").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    $("composer").requestSubmit();
  }
});
$("reply-cancel").addEventListener("click", () => {
  state.replyTo = null;
  $("replying").hidden = true;
});
$("file").addEventListener("change", async () => {
  const file = $("file").files[0];
  if (!file || !state.persona) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  await call(`/sandbox/chats/${state.persona.chatId}/upload`, { persona: state.persona.key, fileName: file.name, mimeType: file.type, base64: btoa(binary) }).catch((error) => toast(error.message));
  $("file").value = "";
  setTimeout(refresh, 250);
});

async function runClock(job, date) {
  $("clock-result").textContent = "…";
  try {
    const data = await call("/sandbox/clock", { action: job, date });
    const { result } = data;
    const names = { "monthly-push": "optPush", reminders: "optRemind", "nomination-deadlines": "optDeadlines", "daily-summary": "optDaily", "weekly-digest": "optWeekly" };
    const at = localDateTime(result.asOf);
    $("clock-result").textContent = (result.enqueued === 0 && result.alreadyQueued > 0 ? t("ranAgain") : t("ran"))
      .replace("{job}", t(names[result.job] ?? result.job))
      .replace("{at}", at)
      .replace("{count}", String(result.enqueued))
      .replace("{already}", String(result.alreadyQueued));
  } catch (error) {
    $("clock-result").textContent = error.message;
  }
  setTimeout(refresh, 300);
}
for (const button of document.querySelectorAll("[data-job]")) button.addEventListener("click", () => runClock(button.dataset.job, button.dataset.date));
$("custom").addEventListener("submit", (event) => {
  event.preventDefault();
  // Day first, as Vietnam writes dates, whatever the browser's own locale.
  const typed = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})\s*$/.exec($("custom-date").value);
  if (!typed) return void ($("clock-result").textContent = t("badDate"));
  const [, day, month, year, hour, minute] = typed;
  const pad = (value) => value.padStart(2, "0");
  runClock($("custom-job").value, `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${minute}:00`);
});
$("open-dashboard").addEventListener("click", () => void openDashboard().catch((error) => toast(error.message)));
$("miniapp-close").addEventListener("click", () => {
  $("miniapp").hidden = true;
  $("miniapp-frame").src = "about:blank";
});
$("lang").addEventListener("click", async () => {
  const data = await call("/sandbox/lang", { lang: state.lang === "vi" ? "en" : "vi" });
  state.lang = data.lang;
  applyLanguage();
});

const initial = await call("/sandbox/state");
state.personas = initial.personas;
state.lang = initial.lang;
state.panel = initial.panel ?? {};
if (state.panel.custom) $("custom-date").value = localDateTime(`${state.panel.custom}:00+07:00`);
applyLanguage();
choose(state.personas[0]);
setInterval(() => void refresh().catch(() => undefined), 800);
