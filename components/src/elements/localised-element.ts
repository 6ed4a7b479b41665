/**
 * Base class of the inner elements: a `language` property (set by `<azure-relay-settings>`) and `t()` for
 * the catalogue of that language. The root alone reads the `lang` attribute.
 */
import { LitElement } from "lit";
import { property } from "lit/decorators.js";
import { translator, type Language, type Translate } from "../i18n";

export class LocalisedElement extends LitElement {
  /** `en-GB` (default) or `de-DE`. */
  @property({ attribute: false }) language: Language = "en-GB";

  private cache?: { language: Language; t: Translate };

  protected get t(): Translate {
    if (this.cache?.language !== this.language) this.cache = { language: this.language, t: translator(this.language) };
    return this.cache.t;
  }
}
