/**
 * What the seller has typed (and attached) in each conversation but not sent, kept while they
 * switch conversations: in memory only, dropped at logout, never written anywhere.
 */

/** An image attached to a draft. */
export interface DraftImage {
  file: Blob;
  /** File name as the seller's system named it (untrusted text). */
  name: string;
  /** The type recognised from its bytes (`image/png`, ...). */
  type: string;
  /** A `blob:` URL for the preview, owned by the draft until the image is sent. */
  previewUrl: string;
}

/** The unsent composer of one conversation. */
export interface Draft {
  text: string;
  image?: DraftImage;
}

/** Drafts by conversation id. */
export class Drafts {
  private readonly drafts = new Map<string, Draft>();

  /** The draft of a conversation (an empty one when there is none). */
  get(conversationId: string): Draft {
    return this.drafts.get(conversationId) ?? { text: '' };
  }

  /** Replaces a conversation's draft; a replaced image's preview is released. */
  set(conversationId: string, draft: Draft): void {
    const old = this.drafts.get(conversationId)?.image;
    if (old && old.previewUrl !== draft.image?.previewUrl) URL.revokeObjectURL(old.previewUrl);
    if (draft.text === '' && !draft.image) this.drafts.delete(conversationId);
    else this.drafts.set(conversationId, draft);
  }

  /** Removes a conversation's draft and hands it over (its image preview stays valid). */
  take(conversationId: string): Draft {
    const draft = this.get(conversationId);
    this.drafts.delete(conversationId);
    return draft;
  }

  /** Forgets every draft (logout). */
  clear(): void {
    for (const draft of this.drafts.values()) {
      if (draft.image) URL.revokeObjectURL(draft.image.previewUrl);
    }
    this.drafts.clear();
  }
}
