/**
 * The "add a Q&A" form: five fields, Discord's maximum for a modal. Shared by /kb add-qa and the gap buttons,
 * which open it with the asked question filled in.
 */

export const ADD_QA_MODAL_ID = 'dossier-add-qa';

export interface ModalField {
  id: string;
  label: string;
  style: 'short' | 'paragraph';
  required: boolean;
  maxLength: number;
  value?: string;
  placeholder?: string;
}

export interface ModalSpec {
  customId: string;
  title: string;
  fields: ModalField[];
}

export function addQaModal(question = '', source = ''): ModalSpec {
  return {
    customId: ADD_QA_MODAL_ID,
    title: 'Add a curated Q&A',
    fields: [
      { id: 'question', label: 'Question', style: 'short', required: true, maxLength: 300, value: question.slice(0, 300) || undefined },
      { id: 'alternatives', label: 'Other phrasings (one per line)', style: 'paragraph', required: false, maxLength: 1000 },
      { id: 'answer', label: 'Answer (neutral, attributed)', style: 'paragraph', required: true, maxLength: 2000 },
      {
        id: 'source',
        label: 'Report file (see /sources)',
        style: 'short',
        required: true,
        maxLength: 120,
        value: source || undefined,
        placeholder: '003_b0f3f335b0cbade1.txt',
      },
      { id: 'quote', label: 'Exact words from the report', style: 'paragraph', required: true, maxLength: 1000 },
    ],
  };
}
