// A web-test-runner plugin exposing the `ssr-render` server command: renders <ai-chat> with
// @lit-labs/ssr in Node, from the npm build (dist/index.js, as a server loads the package), and
// returns the HTML (the element with its shell as declarative shadow DOM). Each render runs in a
// fresh Node process: Lit's server rendering installs its DOM shim in the process it runs in.
//
//   executeServerCommand('ssr-render', { attributes: { heading: 'Front desk', … } })  -> { html }
import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** @param {Record<string, string>} attributes */
function render(attributes) {
  const code = `
    const { render } = await import('@lit-labs/ssr');
    const { collectResult } = await import('@lit-labs/ssr/lib/render-result.js');
    const { html, unsafeStatic } = await import('lit/static-html.js');
    await import(${JSON.stringify(pathToFileURL(`${ROOT}dist/index.js`).href)});
    const attributes = JSON.parse(process.env.AI_CHAT_SSR_ATTRIBUTES);
    const escape = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    const attrs = Object.entries(attributes).map(([name, value]) => name + '="' + escape(value) + '"').join(' ');
    // The attributes are static text of the template, as a server page would write them.
    const template = html\`<ai-chat \${unsafeStatic(attrs)}></ai-chat>\`;
    process.stdout.write(JSON.stringify({ html: await collectResult(render(template)) }));
  `;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', code],
      { cwd: ROOT, env: { ...process.env, AI_CHAT_SSR_ATTRIBUTES: JSON.stringify(attributes) } },
      (error, stdout, stderr) =>
        error ? reject(new Error(`ssr-render: ${stderr || error.message}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

export function ssrCommands() {
  return {
    name: 'ssr-commands',
    /** @param {{command: string, payload: any}} ctx */
    async executeCommand({ command, payload }) {
      if (command !== 'ssr-render') return undefined;
      return render(payload?.attributes ?? {});
    },
  };
}
