/**
 * The subset of Discord's documented request limits that a bot is most likely to trip over.
 * A real Discord answers such requests with 400 / code 50035 "Invalid Form Body" (or 50006 for
 * an empty message); the fake does the same so tests catch what production would reject.
 */

export interface FieldProblem {
  path: Array<string | number>;
  code: string;
  message: string;
}

export interface DiscordError {
  status: number;
  body: { message: string; code: number; errors?: unknown };
}

const MESSAGE_FLAG_COMPONENTS_V2 = 1 << 15;

function tooLong(path: Array<string | number>, max: number): FieldProblem {
  return { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` };
}

function required(path: Array<string | number>): FieldProblem {
  return { path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' };
}

function length(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}

/** Limits on a message body (create or edit). */
export function messageProblems(body: any, prefix: Array<string | number> = []): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!body || typeof body !== 'object') return problems;
  if (body.content != null) {
    if (typeof body.content !== 'string')
      problems.push({ path: [...prefix, 'content'], code: 'BASE_TYPE_STRING', message: 'Must be a string.' });
    else if (length(body.content) > 2000) problems.push(tooLong([...prefix, 'content'], 2000));
  }
  if (Array.isArray(body.embeds)) {
    if (body.embeds.length > 10) problems.push(tooLong([...prefix, 'embeds'], 10));
    let total = 0;
    body.embeds.forEach((embed: any, index: number) => {
      const at = [...prefix, 'embeds', index];
      if (!embed || typeof embed !== 'object') return;
      const check = (value: unknown, max: number, path: Array<string | number>) => {
        total += length(value);
        if (length(value) > max) problems.push(tooLong([...at, ...path], max));
      };
      check(embed.title, 256, ['title']);
      check(embed.description, 4096, ['description']);
      check(embed.footer?.text, 2048, ['footer', 'text']);
      check(embed.author?.name, 256, ['author', 'name']);
      if (Array.isArray(embed.fields)) {
        if (embed.fields.length > 25) problems.push(tooLong([...at, 'fields'], 25));
        embed.fields.forEach((field: any, fieldIndex: number) => {
          if (field?.name == null || field.name === '') problems.push(required([...at, 'fields', fieldIndex, 'name']));
          if (field?.value == null || field.value === '') problems.push(required([...at, 'fields', fieldIndex, 'value']));
          check(field?.name, 256, ['fields', fieldIndex, 'name']);
          check(field?.value, 1024, ['fields', fieldIndex, 'value']);
        });
      }
      if (embed.url != null && !/^(https?|attachment):\/\//.test(String(embed.url))) {
        problems.push({ path: [...at, 'url'], code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' });
      }
    });
    if (total > 6000)
      problems.push({ path: [...prefix, 'embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
  }
  if (Array.isArray(body.components) && !((body.flags ?? 0) & MESSAGE_FLAG_COMPONENTS_V2)) {
    if (body.components.length > 5) problems.push(tooLong([...prefix, 'components'], 5));
    const customIds = new Set<string>();
    body.components.forEach((row: any, rowIndex: number) => {
      const at = [...prefix, 'components', rowIndex];
      if (row?.type !== 1) {
        problems.push({
          path: [...at, 'type'],
          code: 'COMPONENT_LAYOUT_INVALID',
          message: 'Top-level components must be action rows (type 1)',
        });
        return;
      }
      const children: any[] = Array.isArray(row.components) ? row.components : [];
      if (children.length === 0 || children.length > 5) {
        problems.push({ path: [...at, 'components'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 5 in length.' });
      }
      const hasSelect = children.some((child) => child?.type >= 3 && child?.type <= 8 && child?.type !== 4);
      if (hasSelect && children.length > 1) {
        problems.push({
          path: [...at, 'components'],
          code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
          message: 'The specified component exceeds the maximum width',
        });
      }
      children.forEach((child, childIndex) => {
        const childAt = [...at, 'components', childIndex];
        const isLinkOrPremium = child?.type === 2 && (child.style === 5 || child.style === 6);
        if (!isLinkOrPremium) {
          if (typeof child?.custom_id !== 'string' || child.custom_id === '') problems.push(required([...childAt, 'custom_id']));
          else {
            if (length(child.custom_id) > 100) problems.push(tooLong([...childAt, 'custom_id'], 100));
            if (customIds.has(child.custom_id)) {
              problems.push({
                path: [...childAt, 'custom_id'],
                code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
                message: 'Component custom id cannot be duplicated',
              });
            }
            customIds.add(child.custom_id);
          }
        }
        if (child?.type === 2 && length(child.label) > 80) problems.push(tooLong([...childAt, 'label'], 80));
        if (child?.type === 3) {
          const options: any[] = Array.isArray(child.options) ? child.options : [];
          if (options.length === 0 || options.length > 25) {
            problems.push({ path: [...childAt, 'options'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 25 in length.' });
          }
          options.forEach((option, optionIndex) => {
            if (length(option?.label) > 100) problems.push(tooLong([...childAt, 'options', optionIndex, 'label'], 100));
            if (length(option?.value) > 100) problems.push(tooLong([...childAt, 'options', optionIndex, 'value'], 100));
            if (length(option?.description) > 100) problems.push(tooLong([...childAt, 'options', optionIndex, 'description'], 100));
          });
        }
        if (length(child?.placeholder) > 150) problems.push(tooLong([...childAt, 'placeholder'], 150));
      });
    });
  }
  return problems;
}

/** Whether a message body (plus uploaded files) would produce a visible message. */
export function isEmptyMessage(body: any, fileCount: number): boolean {
  if (fileCount > 0) return false;
  if (!body || typeof body !== 'object') return true;
  const nonEmpty = (value: unknown) => Array.isArray(value) && value.length > 0;
  return !(
    (typeof body.content === 'string' && body.content.length > 0) ||
    nonEmpty(body.embeds) ||
    nonEmpty(body.components) ||
    nonEmpty(body.sticker_ids) ||
    nonEmpty(body.attachments) ||
    body.poll
  );
}

export function autocompleteProblems(data: any): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const choices: any[] = Array.isArray(data?.choices) ? data.choices : [];
  if (!Array.isArray(data?.choices)) problems.push(required(['data', 'choices']));
  if (choices.length > 25) problems.push(tooLong(['data', 'choices'], 25));
  choices.forEach((choice, index) => {
    if (length(choice?.name) < 1 || length(choice?.name) > 100) {
      problems.push({
        path: ['data', 'choices', index, 'name'],
        code: 'BASE_TYPE_BAD_LENGTH',
        message: 'Must be between 1 and 100 in length.',
      });
    }
    if (typeof choice?.value === 'string' && length(choice.value) > 100) problems.push(tooLong(['data', 'choices', index, 'value'], 100));
    if (choice?.value === undefined || choice?.value === null) problems.push(required(['data', 'choices', index, 'value']));
  });
  return problems;
}

export function modalProblems(data: any): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof data?.custom_id !== 'string' || data.custom_id === '') problems.push(required(['data', 'custom_id']));
  else if (length(data.custom_id) > 100) problems.push(tooLong(['data', 'custom_id'], 100));
  if (typeof data?.title !== 'string' || data.title === '') problems.push(required(['data', 'title']));
  else if (length(data.title) > 45) problems.push(tooLong(['data', 'title'], 45));
  const components: any[] = Array.isArray(data?.components) ? data.components : [];
  if (components.length === 0 || components.length > 5) {
    problems.push({ path: ['data', 'components'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 5 in length.' });
  }
  return problems;
}

/** Discord's 400 / 50035 error shape: `{ errors: { a: { 0: { b: { _errors: [...] } } } } }`. */
export function invalidFormBody(problems: FieldProblem[]): DiscordError {
  const errors: Record<string, any> = {};
  for (const problem of problems) {
    let node = errors;
    for (const key of problem.path) node = node[String(key)] ??= {};
    (node._errors ??= []).push({ code: problem.code, message: problem.message });
  }
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors } };
}

export function emptyMessage(): DiscordError {
  return { status: 400, body: { message: 'Cannot send an empty message', code: 50006 } };
}
