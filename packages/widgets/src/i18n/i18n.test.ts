import { expect } from '@open-wc/testing';
import { formatDateTime, formatTime, formatVnd } from './formats.js';
import { addMessages, formatRelative, loadLanguage, msg, resolveLang } from './i18n.js';
import { vi } from './messages.js';
import { en } from './messages-en.js';
import { sendEn, sendVi } from './send-messages.js';
import { shortcutsEn, shortcutsVi } from './shortcut-messages.js';
import { statusEn, statusVi } from './status-messages.js';
import { threadEn, threadVi } from './thread-messages.js';

// 2025-12-03 14:05:09 in Vietnam (UTC+7).
const NOW = Date.UTC(2025, 11, 3, 7, 5, 9);
const MIN = 60_000;

describe('i18n', () => {
  before(() => loadLanguage('en'));

  describe('messages', () => {
    it('should have the same keys in both languages', () => {
      expect(Object.keys(en).sort()).to.deep.equal(Object.keys(vi).sort());
      expect(Object.keys(sendEn).sort()).to.deep.equal(Object.keys(sendVi).sort());
      expect(Object.keys(threadEn).sort()).to.deep.equal(Object.keys(threadVi).sort());
      expect(Object.keys(shortcutsEn).sort()).to.deep.equal(Object.keys(shortcutsVi).sort());
      expect(Object.keys(statusEn).sort()).to.deep.equal(Object.keys(statusVi).sort());
    });

    it('should fill positional arguments', () => {
      expect(msg('vi', 'minutesAgo', 5)).to.equal('5 phút trước');
      expect(msg('en', 'newMessageFrom', 'Lan')).to.equal('New message from Lan');
    });

    it("should have a chunk's own texts once the chunk adds them", () => {
      expect(msg('vi', 'orderCreated', '#12. 251204471')).to.equal('orderCreated');
      addMessages({ vi: threadVi, en: threadEn });
      expect(msg('vi', 'orderCreated', '#12. 251204471')).to.equal('Đã tạo đơn #12. 251204471');
      expect(msg('en', 'orderCreated', '#12. 251204471')).to.equal('Order #12. 251204471 created');
    });
  });

  describe('relative times', () => {
    it('should say "Vừa xong", minutes, hours, then a date', () => {
      expect(formatRelative(NOW - 59_000, 'vi', NOW)).to.equal('Vừa xong');
      expect(formatRelative(NOW + 5_000, 'vi', NOW)).to.equal('Vừa xong');
      expect(formatRelative(NOW - 5 * MIN, 'vi', NOW)).to.equal('5 phút trước');
      expect(formatRelative(NOW - 59 * MIN, 'vi', NOW)).to.equal('59 phút trước');
      expect(formatRelative(NOW - 120 * MIN, 'vi', NOW)).to.equal('2 giờ trước');
      expect(formatRelative(NOW - 25 * 60 * MIN, 'vi', NOW)).to.equal('02/12');
      expect(formatRelative(Date.UTC(2024, 6, 1, 3), 'vi', NOW)).to.equal('01/07/2024');
    });

    it('should speak English', () => {
      expect(formatRelative(NOW, 'en', NOW)).to.equal('Just now');
      expect(formatRelative(NOW - 5 * MIN, 'en', NOW)).to.equal('5 min ago');
      expect(formatRelative(NOW - 3 * 60 * MIN, 'en', NOW)).to.equal('3 h ago');
      expect(formatRelative(NOW - 25 * 60 * MIN, 'en', NOW)).to.equal('Dec 2');
    });

    it('should count days in Vietnam time', () => {
      // 2025-12-02 23:30 in Vietnam is 16:30 UTC: still "02/12" there.
      expect(formatRelative(Date.UTC(2025, 11, 2, 16, 30) - DAY_MS, 'vi', NOW)).to.equal('01/12');
    });
  });

  describe('times, dates and money', () => {
    it('should show the time today and the date before', () => {
      expect(formatTime(NOW - 60 * MIN, 'vi', NOW)).to.equal('13:05');
      expect(formatTime(NOW - 24 * 60 * MIN, 'vi', NOW)).to.equal('02/12 14:05');
      expect(formatDateTime(NOW, 'vi')).to.equal('03/12/2025 14:05:09');
    });

    it('should format đồng', () => {
      expect(formatVnd(1_250_000).replace(/\s/g, ' ')).to.equal('1.250.000 ₫');
    });
  });

  describe('language resolution', () => {
    it('should use the closest lang, across shadow roots, Vietnamese by default', () => {
      const outer = document.createElement('div');
      outer.lang = 'en-US';
      const host = document.createElement('div');
      outer.append(host);
      const inner = document.createElement('span');
      host.attachShadow({ mode: 'open' }).append(inner);
      expect(resolveLang(inner)).to.equal('en');
      outer.lang = 'vi';
      expect(resolveLang(inner)).to.equal('vi');
      expect(resolveLang(document.createElement('p'))).to.equal(
        document.documentElement.lang.startsWith('en') ? 'en' : 'vi',
      );
    });
  });
});

const DAY_MS = 24 * 60 * MIN;
