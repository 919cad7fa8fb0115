import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

/** CSS property name (kebab-case or `--custom`) → value; undefined removes it. */
export type StyleProps = Readonly<Record<string, string | undefined>>;

/**
 * Sets inline styles through the CSSOM (`style.setProperty`) on every render, first
 * render included. Lit's `styleMap` writes the `style` attribute on first render, which a
 * page with a strict Content-Security-Policy (`style-src 'self'`, no 'unsafe-inline')
 * blocks; CSSOM writes are allowed. Use as an element directive:
 * `<div ${styleProps({ height: '10px' })}>`.
 */
class StylePropsDirective extends Directive {
  /** What this directive set last time: unchanged values are not written again. */
  private applied = new Map<string, string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) {
      throw new Error('styleProps is an element directive: <div ${styleProps({...})}>');
    }
  }

  render(_props: StyleProps) {
    return noChange;
  }

  override update(part: ElementPart, [props]: [StyleProps]) {
    const style = (part.element as HTMLElement).style;
    const next = new Map<string, string>();
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined) continue;
      if (this.applied.get(name) !== value) style.setProperty(name, value);
      next.set(name, value);
    }
    for (const name of this.applied.keys()) if (!next.has(name)) style.removeProperty(name);
    this.applied = next;
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
