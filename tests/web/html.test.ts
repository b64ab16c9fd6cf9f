import { expect, test } from 'vitest';
import { html, joinHtml, raw } from '../../adapters/web/html.js';

test('every interpolated string is escaped: < > & " and \'', () => {
  const value = `<script>alert("x" & 'y')</script>`;
  expect(String(html`<p title="${value}">${value}</p>`)).toBe(
    '<p title="&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;</p>',
  );
});

test('the template text itself is kept as written, and numbers are printed', () => {
  expect(String(html`<a href="/x?a=1&b=2">${0} of ${12.5}</a>`)).toBe('<a href="/x?a=1&b=2">0 of 12.5</a>');
});

test('a nested template is already safe and is not escaped twice', () => {
  const name = 'Tom & Jerry';
  const inner = html`<strong>${name}</strong>`;
  expect(String(html`<p>${inner}</p>`)).toBe('<p><strong>Tom &amp; Jerry</strong></p>');
});

test('arrays are rendered item by item, escaped or safe as each item is, and joined without a separator', () => {
  const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
  expect(String(html`<ul>${items}</ul>`)).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
  expect(String(html`${['<', html`<br>`, ['&', null]]}`)).toBe('&lt;<br>&amp;');
  expect(String(html`<ul>${[]}</ul>`)).toBe('<ul></ul>');
});

test('null, undefined and false render nothing, so conditions read naturally', () => {
  const shown = false;
  expect(String(html`[${null}|${undefined}|${false}|${shown && html`<b>no</b>`}]`)).toBe('[|||]');
  expect(String(html`[${!shown && html`<b>yes</b>`}]`)).toBe('[<b>yes</b>]');
});

test('raw passes trusted markup through untouched, and only raw does', () => {
  const markup = '<em>trusted</em> & "kept"';
  expect(String(html`<p>${raw(markup)}</p>`)).toBe('<p><em>trusted</em> & "kept"</p>');
  expect(String(html`<p>${markup}</p>`)).toBe('<p>&lt;em&gt;trusted&lt;/em&gt; &amp; &quot;kept&quot;</p>');
});

test('a fragment is not a string: it reaches a page only through the template or toString', () => {
  const fragment = html`<p>${'x'}</p>`;
  expect(typeof fragment).toBe('object');
  expect(fragment.toString()).toBe('<p>x</p>');
  expect(`${fragment}`).toBe('<p>x</p>');
});

test('joinHtml puts a separator between items, escaping strings in both and keeping fragments', () => {
  expect(String(joinHtml(['a&b', html`<i>c</i>`], html`<br>`))).toBe('a&amp;b<br><i>c</i>');
  expect(String(joinHtml(['x', 'y'], ', '))).toBe('x, y');
  expect(String(joinHtml(['x', 'y'], ' & '))).toBe('x &amp; y');
  expect(String(joinHtml([], html`<br>`))).toBe('');
});
