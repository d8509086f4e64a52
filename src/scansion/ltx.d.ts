// Type declarations for `ltx` (it ships none). Only what this project uses; extend as needed.
// Shared by every room: ltx elements are the XML currency of the language core, runner and mock.
declare module 'ltx' {
  export type Node = Element | string;
  export class Element {
    constructor(name: string, attrs?: Record<string, string | number | undefined | null>);
    name: string;
    parent: Element | null;
    children: Node[];
    attrs: Record<string, string>;
    is(name: string, xmlns?: string): boolean;
    getName(): string;
    getNS(): string | undefined;
    getAttr(name: string, xmlns?: string): string | undefined;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    getChildByAttr(attr: string, val: string, xmlns?: string, recursive?: boolean): Element | undefined;
    getText(): string;
    root(): Element;
    up(): Element;
    c(name: string, attrs?: Record<string, string | number | undefined | null>): Element;
    cnode<T extends Node>(child: T): T;
    append(...nodes: Node[]): void;
    prepend(...nodes: Node[]): void;
    t(text: string): Element;
    remove(el: Element | string, xmlns?: string): Element;
    text(val?: string): string | Element;
    attr(attr: string, val?: string): string | Element | undefined;
    toString(): string;
    write(writer: (s: string) => void): void;
  }
  export function parse(s: string): Element;
  export function clone<T extends Node>(el: T): T;
  export function equal(a: Element, b: Element): boolean;
  export function isNode(x: unknown): x is Node;
  export function isElement(x: unknown): x is Element;
  export function isText(x: unknown): x is string;
  export function createElement(
    name: string,
    attrs?: Record<string, string | number | undefined | null> | null,
    ...children: (Node | Node[])[]
  ): Element;
  export function escapeXML(s: string): string;
  export function unescapeXML(s: string): string;
  export function escapeXMLText(s: string): string;
  export function unescapeXMLText(s: string): string;
  export function stringify(el: Element, indent?: number, level?: number): string;
  export class Parser {
    constructor(options?: unknown);
    on(event: string, listener: (...args: unknown[]) => void): this;
    write(data: string): void;
    end(data?: string): void;
  }
}
