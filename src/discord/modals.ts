import { ActionRowBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type ModalSubmitInteraction } from 'discord.js';
import type { ModalSpec } from '../curation/qa-modal.ts';
import type { NewQa } from '../kb/writer.ts';

/** Forms: the engine-side description of a form as a discord.js modal, and the submitted fields back. */

export function toModal(spec: ModalSpec): ModalBuilder {
  const modal = new ModalBuilder().setCustomId(spec.customId).setTitle(spec.title);
  for (const field of spec.fields) {
    const input = new TextInputBuilder()
      .setCustomId(field.id)
      .setLabel(field.label)
      .setStyle(field.style === 'paragraph' ? TextInputStyle.Paragraph : TextInputStyle.Short)
      .setRequired(field.required)
      .setMaxLength(field.maxLength);
    if (field.value) input.setValue(field.value);
    if (field.placeholder) input.setPlaceholder(field.placeholder);
    modal.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
  }
  return modal;
}

/** The submitted add-Q&A form; empty or missing fields stay empty and are refused by the writer's schema. */
export function readAddQa(submit: ModalSubmitInteraction): NewQa {
  const value = (id: string): string => (submit.fields.fields.has(id) ? submit.fields.getTextInputValue(id).trim() : '');
  return {
    question: value('question'),
    alternatives: value('alternatives').split('\n').map((line) => line.trim()).filter(Boolean),
    answer: value('answer'),
    source: value('source'),
    quote: value('quote'),
  };
}
