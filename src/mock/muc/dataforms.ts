// XEP-0004 data forms as Prosody's util.dataforms renders and reads them: a layout (ordered fields)
// rendered to <x type='form'|'result'>, and submitted <x type='submit'> read back through the layout.
import type { Element } from 'ltx';
import { add, child, el, elements, NS_DATA, textEl, textOf } from './xml';

export interface FieldOption {
  value: string;
  label?: string;
  default?: boolean;
}

export type FieldValue = string | boolean | number | string[] | undefined;

export interface Field {
  name?: string;
  type?: string;
  label?: string;
  desc?: string;
  datatype?: string;
  value?: FieldValue;
  options?: (string | FieldOption)[];
  required?: boolean;
}

export interface Layout {
  title?: string;
  instructions?: string;
  fields: Field[];
}

/** form_t.form(layout, data, formtype) (MUC-FORM-1). */
export function renderForm(
  layout: Layout,
  formType: 'form' | 'result' = 'form',
  data?: Record<string, FieldValue>,
): Element {
  const x = el('x', { xmlns: NS_DATA, type: formType });
  if (layout.title !== undefined) add(x, textEl('title', layout.title));
  if (layout.instructions !== undefined) add(x, textEl('instructions', layout.instructions));
  for (const field of layout.fields) {
    const type = field.type ?? 'text-single';
    const f = el('field', { type, var: field.name, label: field.label });
    add(x, f);
    if (field.desc !== undefined) add(f, textEl('desc', field.desc));
    if (formType === 'form' && field.datatype !== undefined) {
      add(
        f,
        el('validate', { xmlns: 'http://jabber.org/protocol/xdata-validate', datatype: field.datatype }),
      );
    }
    let value = field.value;
    if (data && field.name !== undefined && data[field.name] !== undefined) value = data[field.name];
    if (formType === 'form' && field.options) {
      const defaults: string[] = [];
      for (const o of field.options) {
        const opt = typeof o === 'string' ? { value: o, label: o } : o;
        add(f, add(el('option', { label: opt.label }), textEl('value', opt.value)));
        if (typeof o !== 'string' && o.default) defaults.push(o.value);
      }
      if (value === undefined) {
        if (type === 'list-single') value = defaults[0];
        else if (type === 'list-multi') value = defaults;
      }
    }
    if (value !== undefined) {
      if (typeof value === 'number') value = type === 'boolean' ? value !== 0 : String(Math.trunc(value));
      if (type === 'boolean') add(f, textEl('value', value ? '1' : '0'));
      else if (Array.isArray(value)) for (const v of value) add(f, textEl('value', v));
      else add(f, textEl('value', String(value)));
    }
    if (formType === 'form' && field.required) add(f, el('required'));
  }
  return x;
}

export interface FormData {
  values: Record<string, FieldValue>;
  errors: Record<string, string>;
  /** Field names present in the submission, in layout order. */
  present: string[];
}

function simpleText(f: Element): string | undefined {
  const v = child(f, 'value');
  if (!v) return undefined;
  const t = textOf(v);
  return t.length > 0 ? t : undefined;
}

const BOOLEANS: Record<string, boolean> = { '1': true, true: true, '0': false, false: false };

/** form_t.data(layout, submitted): read each layout field the submission has (MUC-FORM-2). */
export function readForm(layout: Layout, form: Element): FormData {
  const values: Record<string, FieldValue> = {};
  const errors: Record<string, string> = {};
  const present: string[] = [];
  const submitted = elements(form).filter((c) => c.name === 'field');
  for (const field of layout.fields) {
    if (field.name === undefined) continue;
    const tag = submitted.find((t) => t.attrs.var === field.name);
    if (!tag) {
      if (field.required) errors[field.name] = 'Required value missing';
      continue;
    }
    present.push(field.name);
    const type = field.type ?? 'text-single';
    let value: FieldValue;
    let err: string | undefined;
    if (type === 'list-multi' || type === 'jid-multi' || type === 'text-multi') {
      const list = elements(tag)
        .filter((c) => c.name === 'value')
        .map(textOf);
      if (list.length > 0) value = type === 'text-multi' ? list.join('\n') : list;
      else if (field.required) err = 'Required value missing';
    } else if (type === 'hidden') {
      const v = child(tag, 'value');
      value = v ? textOf(v) : undefined;
    } else {
      const raw = simpleText(tag);
      if (raw === undefined) {
        if (field.required) err = 'Required value missing';
      } else if (type === 'boolean') {
        value = BOOLEANS[raw];
        if (value === undefined) err = `Invalid boolean representation:${raw}`;
      } else {
        value = raw;
      }
    }
    if (value !== undefined && field.datatype === 'xs:integer') {
      const n = Number(value);
      if (!Number.isFinite(n) || String(value).trim() === '') {
        value = undefined;
        err = 'not a number';
      } else if (n % 1 !== 0) {
        value = undefined;
        err = 'not an integer';
      } else value = n;
    }
    values[field.name] = value;
    if (err !== undefined) errors[field.name] = err;
  }
  return { values, errors, present };
}

/** The FORM_TYPE of a form, if any (dataforms.get_type). */
export function formType(form: Element | undefined): string | undefined {
  if (!form) return undefined;
  const f = elements(form).find((c) => c.name === 'field' && c.attrs.var === 'FORM_TYPE');
  return f ? simpleText(f) : undefined;
}
