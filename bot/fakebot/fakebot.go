// Package fakebot is an in-process fake of the Telegram Bot API for tests. It is meant to be driven
// by the real telego client:
//
//	s := fakebot.New(token)
//	defer s.Close()
//	b, _ := telego.NewBot(token, telego.WithAPIServer(s.URL()), telego.WithDiscardLogger())
//
// The fake serves POST /bot<token>/<method> with JSON, urlencoded or multipart bodies and answers
// in the Bot API envelope: {"ok":true,"result":...} or
// {"ok":false,"error_code":N,"description":"...","parameters":{"retry_after":N}}.
//
// Implemented methods: getMe, getUpdates, sendMessage, editMessageText, editMessageReplyMarkup,
// answerCallbackQuery, setWebhook, deleteWebhook. Any other method gets 404 ok:false; a wrong
// token gets 401 ok:false.
//
// Errors as telego reports them: an ok:false answer with status < 500 becomes an error wrapping
// *telegoapi.Error (ErrorCode, Description, Parameters.RetryAfter), so callers read retry_after with
//
//	var apiErr *telegoapi.Error
//	if errors.As(err, &apiErr) && apiErr.Parameters != nil { wait := apiErr.Parameters.RetryAfter }
//
// A status >= 500 never reaches the JSON decoder in telego: the error is a plain
// "internal server error: <status>" with no *telegoapi.Error inside.
package fakebot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mymmrac/telego"
)

// MaxPollWait caps how long getUpdates blocks, whatever timeout the client asks for.
const MaxPollWait = 2 * time.Second

// BotUser is the user returned by getMe and used as the sender of the bot's messages.
var BotUser = telego.User{ID: 777000111, IsBot: true, FirstName: "FakeBot", Username: "fake_test_bot"}

// Button is one inline keyboard button. Data is callback_data; URL is set for URL buttons.
type Button struct {
	Text string
	Data string
	URL  string
}

// SentMessage is one sendMessage / editMessageText / editMessageReplyMarkup call, as recorded.
// For editMessageReplyMarkup, Text and ParseMode are those of the message being edited (if known).
type SentMessage struct {
	Method      string // "sendMessage", "editMessageText" or "editMessageReplyMarkup"
	ChatID      int64
	MessageID   int
	Text        string
	ParseMode   string
	Keyboard    [][]Button      // inline keyboard, nil if none
	ReplyMarkup json.RawMessage // reply_markup as sent, nil if none
}

// CallbackAnswer is one answerCallbackQuery call.
type CallbackAnswer struct {
	ID        string
	Text      string
	ShowAlert bool
}

type failure struct {
	status     int
	retryAfter int
}

type msgKey struct {
	chat int64
	id   int
}

type storedMsg struct {
	text   string
	parse  string
	markup string
}

// Server is the fake Bot API. All methods are safe for concurrent use.
type Server struct {
	token string
	srv   *httptest.Server

	mu         sync.Mutex
	changed    chan struct{} // closed and replaced on every state change
	done       chan struct{}
	closeOnce  sync.Once
	queue      []telego.Update
	lastUpdate int
	nextMsgID  map[int64]int
	nextCbID   int
	messages   map[msgKey]storedMsg
	sent       []SentMessage
	answers    []CallbackAnswer
	webhookURL string
	webhookSec string
	fail       map[string][]failure
	calls      map[string]int
}

// New starts a fake Bot API server accepting only the given token.
func New(token string) *Server {
	s := &Server{
		token:     token,
		changed:   make(chan struct{}),
		done:      make(chan struct{}),
		nextMsgID: map[int64]int{},
		messages:  map[msgKey]storedMsg{},
		fail:      map[string][]failure{},
		calls:     map[string]int{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL is the base URL to pass to telego.WithAPIServer.
func (s *Server) URL() string { return s.srv.URL }

// Close releases pending long polls and shuts the server down.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.done) })
	s.srv.Close()
}

// notifyLocked wakes every waiter; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// ---------------------------------------------------------------------------------------------
// Test-side API

// QueueUpdate queues an update for getUpdates and returns its update_id. An UpdateID of 0 is
// replaced by the next free id; a non-zero UpdateID is kept as is, so the same update can be
// queued twice to simulate a duplicate delivery. Note that getUpdates drops queued updates with
// update_id < offset, and telego's long polling itself skips ids below its offset, so a
// duplicate only reaches a long-polling bot if it was queued before the first copy was confirmed
// and even then telego filters it; use PostWebhook or raw getUpdates to test deduplication.
func (s *Server) QueueUpdate(u telego.Update) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.UpdateID == 0 {
		s.lastUpdate++
		u.UpdateID = s.lastUpdate
	} else if u.UpdateID > s.lastUpdate {
		s.lastUpdate = u.UpdateID
	}
	s.queue = append(s.queue, u)
	s.notifyLocked()
	return u.UpdateID
}

func chatFor(chatID int64) telego.Chat {
	if chatID < 0 {
		return telego.Chat{ID: chatID, Type: telego.ChatTypeSupergroup, Title: "Fake group"}
	}
	return telego.Chat{ID: chatID, Type: telego.ChatTypePrivate, FirstName: "Tester"}
}

func userFor(id int64) telego.User {
	return telego.User{ID: id, FirstName: "Tester", Username: "tester" + strconv.FormatInt(id, 10), LanguageCode: "en"}
}

// SendText queues a text message from user fromID in chat chatID and returns its update_id.
// Texts starting with "/" get a bot_command entity, as Telegram does.
func (s *Server) SendText(chatID, fromID int64, text string) int {
	s.mu.Lock()
	s.nextMsgID[chatID]++
	id := s.nextMsgID[chatID]
	s.mu.Unlock()
	from := userFor(fromID)
	msg := &telego.Message{
		MessageID: id,
		From:      &from,
		Chat:      chatFor(chatID),
		Date:      time.Now().Unix(),
		Text:      text,
	}
	if strings.HasPrefix(text, "/") {
		cmd, _, _ := strings.Cut(text, " ")
		msg.Entities = []telego.MessageEntity{{Type: telego.EntityTypeBotCommand, Offset: 0, Length: len([]rune(cmd))}}
	}
	return s.QueueUpdate(telego.Update{Message: msg})
}

// PressButton queues a callback_query for message messageID in chatID, as if user fromID had
// pressed an inline button with the given callback data, and returns its update_id. The callback
// query id is "cb<N>". The attached message carries the text and keyboard the bot last gave it,
// if the fake knows the message.
func (s *Server) PressButton(chatID, fromID int64, messageID int, data string) int {
	s.mu.Lock()
	s.nextCbID++
	cbID := "cb" + strconv.Itoa(s.nextCbID)
	stored, known := s.messages[msgKey{chatID, messageID}]
	s.mu.Unlock()

	bot := BotUser
	msg := &telego.Message{MessageID: messageID, From: &bot, Chat: chatFor(chatID), Date: time.Now().Unix()}
	if known {
		msg.Text = stored.text
		if stored.markup != "" {
			var kb telego.InlineKeyboardMarkup
			if json.Unmarshal([]byte(stored.markup), &kb) == nil && kb.InlineKeyboard != nil {
				msg.ReplyMarkup = &kb
			}
		}
	}
	return s.QueueUpdate(telego.Update{CallbackQuery: &telego.CallbackQuery{
		ID:           cbID,
		From:         userFor(fromID),
		Message:      msg,
		ChatInstance: "ci" + strconv.FormatInt(chatID, 10),
		Data:         data,
	}})
}

// Sent returns every sendMessage/editMessageText/editMessageReplyMarkup call for chatID, in order.
func (s *Server) Sent(chatID int64) []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sentLocked(chatID)
}

func (s *Server) sentLocked(chatID int64) []SentMessage {
	var out []SentMessage
	for _, m := range s.sent {
		if m.ChatID == chatID {
			out = append(out, m)
		}
	}
	return out
}

// WaitSent waits until at least n messages were sent (or edited) in chatID and returns them all.
// On timeout it returns what was sent so far and an error.
func (s *Server) WaitSent(chatID int64, n int, timeout time.Duration) ([]SentMessage, error) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		got := s.sentLocked(chatID)
		ch := s.changed
		s.mu.Unlock()
		if len(got) >= n {
			return got, nil
		}
		select {
		case <-ch:
		case <-deadline.C:
			return got, fmt.Errorf("fakebot: %d of %d messages sent to chat %d after %s: %s",
				len(got), n, chatID, timeout, describe(got))
		case <-s.done:
			return got, errors.New("fakebot: server closed")
		}
	}
}

func describe(ms []SentMessage) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = fmt.Sprintf("%s#%d %q", m.Method, m.MessageID, m.Text)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// Answered returns the callback query ids answered with answerCallbackQuery, in order.
func (s *Server) Answered() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, len(s.answers))
	for i, a := range s.answers {
		ids[i] = a.ID
	}
	return ids
}

// CallbackAnswers returns the answerCallbackQuery calls with their text and show_alert.
func (s *Server) CallbackAnswers() []CallbackAnswer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.answers)
}

// Webhook returns the url and secret_token of the last setWebhook (both empty after deleteWebhook).
func (s *Server) Webhook() (url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhookURL, s.webhookSec
}

// FailNext makes the next call of method fail with HTTP status and error_code status; a
// retryAfter > 0 adds "parameters":{"retry_after":retryAfter}. Calls stack: FailNext twice fails
// the next two calls. Remember that telego turns statuses >= 500 into an opaque error.
func (s *Server) FailNext(method string, status int, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail[method] = append(s.fail[method], failure{status: status, retryAfter: retryAfter})
}

// Calls returns how many times method was called (including failed calls).
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// Pending returns the updates still queued (not yet confirmed through an offset).
func (s *Server) Pending() []telego.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.queue)
}

// PostWebhook POSTs u as JSON to a webhook URL the way Telegram does, with the
// X-Telegram-Bot-Api-Secret-Token header when secret is not empty.
func PostWebhook(url, secret string, u telego.Update) (*http.Response, error) {
	body, err := json.Marshal(u)
	if err != nil {
		return nil, fmt.Errorf("fakebot: marshal update: %w", err)
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(telego.WebhookSecretTokenHeader, secret)
	}
	return http.DefaultClient.Do(req)
}

// ---------------------------------------------------------------------------------------------
// HTTP side

type apiError struct {
	status int
	desc   string
	retry  int
}

func (e *apiError) Error() string { return e.desc }

func badRequest(format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, desc: "Bad Request: " + fmt.Sprintf(format, args...)}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeErr(w http.ResponseWriter, e *apiError) {
	resp := map[string]any{"ok": false, "error_code": e.status, "description": e.desc}
	if e.retry > 0 {
		resp["parameters"] = map[string]int{"retry_after": e.retry}
	}
	writeJSON(w, e.status, resp)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	if !ok {
		writeErr(w, &apiError{status: http.StatusNotFound, desc: "Not Found"})
		return
	}
	token, method, ok := strings.Cut(rest, "/")
	if !ok || method == "" {
		writeErr(w, &apiError{status: http.StatusNotFound, desc: "Not Found"})
		return
	}
	if token != s.token {
		writeErr(w, &apiError{status: http.StatusUnauthorized, desc: "Unauthorized"})
		return
	}
	p, err := readParams(r)
	if err != nil {
		writeErr(w, badRequest("%v", err))
		return
	}

	s.mu.Lock()
	s.calls[method]++
	if q := s.fail[method]; len(q) > 0 {
		f := q[0]
		s.fail[method] = q[1:]
		s.mu.Unlock()
		desc := http.StatusText(f.status)
		if f.status == http.StatusTooManyRequests && f.retryAfter > 0 {
			desc = fmt.Sprintf("Too Many Requests: retry after %d", f.retryAfter)
		}
		writeErr(w, &apiError{status: f.status, desc: desc, retry: f.retryAfter})
		return
	}
	s.mu.Unlock()

	var result any
	var aerr *apiError
	switch method {
	case "getMe":
		result = BotUser
	case "getUpdates":
		result, aerr = s.getUpdates(r, p)
	case "sendMessage":
		result, aerr = s.sendMessage(p)
	case "editMessageText":
		result, aerr = s.editMessage(method, p)
	case "editMessageReplyMarkup":
		result, aerr = s.editMessage(method, p)
	case "answerCallbackQuery":
		result, aerr = s.answerCallbackQuery(p)
	case "setWebhook":
		s.mu.Lock()
		s.webhookURL, s.webhookSec = p.str("url"), p.str("secret_token")
		s.notifyLocked()
		s.mu.Unlock()
		result = true
	case "deleteWebhook":
		s.mu.Lock()
		s.webhookURL, s.webhookSec = "", ""
		if p.str("drop_pending_updates") == "true" {
			s.queue = nil
		}
		s.notifyLocked()
		s.mu.Unlock()
		result = true
	default:
		aerr = &apiError{status: http.StatusNotFound, desc: "Not Found: method not found"}
	}
	if aerr != nil {
		writeErr(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": result})
}

// params holds request parameters; JSON values that are strings are unquoted, other JSON values
// (numbers, objects, bools) are kept as raw JSON text, form values are kept as is.
type params map[string]string

func (p params) str(k string) string { return p[k] }

func (p params) int64(k string) (int64, bool) {
	v, ok := p[k]
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil
}

func readParams(r *http.Request) (params, error) {
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		return nil, fmt.Errorf("method %s not allowed", r.Method)
	}
	p := params{}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(body)) == 0 {
			return p, nil
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(body, &raw); err != nil {
			return nil, fmt.Errorf("can't parse JSON body: %w", err)
		}
		for k, v := range raw {
			var s string
			if json.Unmarshal(v, &s) == nil {
				p[k] = s
			} else if string(v) != "null" {
				p[k] = string(v)
			}
		}
	case "multipart/form-data":
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			return nil, err
		}
		for k, v := range r.MultipartForm.Value {
			if len(v) > 0 {
				p[k] = v[0]
			}
		}
	default: // urlencoded or none; query parameters are accepted too, as Telegram does
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		for k, v := range r.Form {
			if len(v) > 0 {
				p[k] = v[0]
			}
		}
	}
	return p, nil
}

func (s *Server) getUpdates(r *http.Request, p params) (any, *apiError) {
	offset, _ := p.int64("offset")
	limit, _ := p.int64("limit")
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := p.int64("timeout")
	wait := min(time.Duration(timeout)*time.Second, MaxPollWait)
	timer := time.NewTimer(wait)
	defer timer.Stop()

	for {
		s.mu.Lock()
		if offset > 0 {
			// Confirm: forget everything below offset.
			s.queue = slices.DeleteFunc(s.queue, func(u telego.Update) bool { return int64(u.UpdateID) < offset })
		} else if offset < 0 && int(-offset) < len(s.queue) {
			// Negative offset: only the last -offset updates are kept, as Telegram does.
			s.queue = slices.Clone(s.queue[len(s.queue)+int(offset):])
		}
		if len(s.queue) > 0 || wait <= 0 {
			out := slices.Clone(s.queue[:min(len(s.queue), int(limit))])
			s.mu.Unlock()
			if out == nil {
				out = []telego.Update{}
			}
			return out, nil
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-timer.C:
			return []telego.Update{}, nil
		case <-r.Context().Done():
			return []telego.Update{}, nil
		case <-s.done:
			return []telego.Update{}, nil
		}
	}
}

func parseKeyboard(markup string) [][]Button {
	if markup == "" {
		return nil
	}
	var kb struct {
		InlineKeyboard [][]struct {
			Text         string `json:"text"`
			CallbackData string `json:"callback_data"`
			URL          string `json:"url"`
		} `json:"inline_keyboard"`
	}
	if json.Unmarshal([]byte(markup), &kb) != nil || kb.InlineKeyboard == nil {
		return nil
	}
	rows := make([][]Button, len(kb.InlineKeyboard))
	for i, row := range kb.InlineKeyboard {
		rows[i] = make([]Button, len(row))
		for j, b := range row {
			rows[i][j] = Button{Text: b.Text, Data: b.CallbackData, URL: b.URL}
		}
	}
	return rows
}

// checkMarkup refuses what Telegram refuses in a keyboard: callback data must be 1 to 64 bytes.
func checkMarkup(markup string) *apiError {
	for _, row := range parseKeyboard(markup) {
		for _, b := range row {
			if b.URL == "" && (len(b.Data) < 1 || len(b.Data) > 64) {
				return badRequest("BUTTON_DATA_INVALID")
			}
		}
	}
	return nil
}

func rawMarkup(markup string) json.RawMessage {
	if markup == "" {
		return nil
	}
	return json.RawMessage(markup)
}

func (s *Server) message(chatID int64, id int, m storedMsg) *telego.Message {
	bot := BotUser
	msg := &telego.Message{MessageID: id, From: &bot, Chat: chatFor(chatID), Date: time.Now().Unix(), Text: m.text}
	if m.markup != "" {
		var kb telego.InlineKeyboardMarkup
		if json.Unmarshal([]byte(m.markup), &kb) == nil && kb.InlineKeyboard != nil {
			msg.ReplyMarkup = &kb
		}
	}
	return msg
}

func (s *Server) sendMessage(p params) (any, *apiError) {
	chatID, ok := p.int64("chat_id")
	if !ok {
		return nil, badRequest("chat not found")
	}
	text := p.str("text")
	if strings.TrimSpace(text) == "" {
		return nil, badRequest("message text is empty")
	}
	if len([]rune(text)) > 4096 {
		return nil, badRequest("message is too long")
	}
	if err := checkMarkup(p.str("reply_markup")); err != nil {
		return nil, err
	}
	m := storedMsg{text: text, parse: p.str("parse_mode"), markup: p.str("reply_markup")}

	s.mu.Lock()
	s.nextMsgID[chatID]++
	id := s.nextMsgID[chatID]
	s.messages[msgKey{chatID, id}] = m
	s.sent = append(s.sent, SentMessage{
		Method: "sendMessage", ChatID: chatID, MessageID: id, Text: m.text, ParseMode: m.parse,
		Keyboard: parseKeyboard(m.markup), ReplyMarkup: rawMarkup(m.markup),
	})
	s.notifyLocked()
	s.mu.Unlock()
	return s.message(chatID, id, m), nil
}

// editMessage handles editMessageText and editMessageReplyMarkup. Editing a message the fake does
// not know succeeds (so PressButton on arbitrary ids works); editing a known message to identical
// content fails with Telegram's 400 "message is not modified".
func (s *Server) editMessage(method string, p params) (any, *apiError) {
	if err := checkMarkup(p.str("reply_markup")); err != nil {
		return nil, err
	}
	if p.str("inline_message_id") != "" {
		s.mu.Lock()
		s.sent = append(s.sent, SentMessage{
			Method: method, Text: p.str("text"), ParseMode: p.str("parse_mode"),
			Keyboard: parseKeyboard(p.str("reply_markup")), ReplyMarkup: rawMarkup(p.str("reply_markup")),
		})
		s.notifyLocked()
		s.mu.Unlock()
		return true, nil
	}
	chatID, ok := p.int64("chat_id")
	if !ok {
		return nil, badRequest("chat not found")
	}
	mid, ok := p.int64("message_id")
	if !ok {
		return nil, badRequest("message identifier is not specified")
	}
	id := int(mid)

	s.mu.Lock()
	defer s.mu.Unlock()
	key := msgKey{chatID, id}
	old, known := s.messages[key]
	m := old
	m.markup = p.str("reply_markup")
	if method == "editMessageText" {
		m.text, m.parse = p.str("text"), p.str("parse_mode")
		if strings.TrimSpace(m.text) == "" {
			return nil, badRequest("message text is empty")
		}
	}
	if known && m == old {
		return nil, badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	}
	s.messages[key] = m
	s.sent = append(s.sent, SentMessage{
		Method: method, ChatID: chatID, MessageID: id, Text: m.text, ParseMode: m.parse,
		Keyboard: parseKeyboard(m.markup), ReplyMarkup: rawMarkup(m.markup),
	})
	s.notifyLocked()
	return s.message(chatID, id, m), nil
}

func (s *Server) answerCallbackQuery(p params) (any, *apiError) {
	id := p.str("callback_query_id")
	if id == "" {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	s.mu.Lock()
	s.answers = append(s.answers, CallbackAnswer{ID: id, Text: p.str("text"), ShowAlert: p.str("show_alert") == "true"})
	s.notifyLocked()
	s.mu.Unlock()
	return true, nil
}
