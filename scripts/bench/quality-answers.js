// Five realistic assistant answers for the streaming-quality benchmark: what chat models write
// (headings, bold warnings, links with long URLs, nested and task lists, lists straight after a
// "Key points:" line, tables with aligned columns, fenced code, quotes, rules).

/** @type {ReadonlyArray<readonly [name: string, text: string]>} */
export const ANSWERS = [
  [
    'fever',
    `## Managing a fever at home

Most fevers in adults are **not dangerous** and settle within *two to three days*. The [NHS guidance on fever in adults](https://www.nhs.uk/conditions/fever-in-adults/) is a good summary; here is what matters most.

Key points:
- Drink plenty of water, little and often
- Rest, and keep the room cool but not cold
- Take **paracetamol** or **ibuprofen** if you feel unwell:
  - follow the dose on the packet
  - do *not* take two products that both contain paracetamol
- Check your temperature every 4 to 6 hours

**Warning:** call **999** or go to A&E if you have a stiff neck, a rash that does not fade when you press a glass against it, or you feel confused or very drowsy.

### Typical doses for adults

| Medicine | Dose | Every | Max per day |
|:---------|-----:|:-----:|------------:|
| Paracetamol | 500 mg – 1 g | 4–6 hours | 4 g |
| Ibuprofen | 200–400 mg | 6–8 hours | 1.2 g |
| Aspirin (16+ only) | 300–600 mg | 4–6 hours | 4 g |

> **Note:** these are general figures. If you are pregnant, have kidney or liver problems, or take other medicines, ask a pharmacist first.

### When to see a GP

1. The fever lasts **more than 5 days**
2. You have recently travelled abroad
3. You have a long-term condition, such as diabetes or heart disease
4. You keep being sick and cannot keep fluids down

You can also use [NHS 111 online](https://111.nhs.uk/) at any time, or read more about [when a high temperature is an emergency](https://www.nhs.uk/conditions/fever-in-adults/#when-to-get-help).
`,
  ],
  [
    'websocket',
    `Here is how to keep a WebSocket connection alive and reconnect when it drops.

## 1. Detect a dead connection

Browsers do not expose WebSocket ping frames, so send your own heartbeat and expect an answer. See the [MDN reference for WebSocket](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket) and the [\`close\` event codes](https://developer.mozilla.org/en-US/docs/Web/API/CloseEvent/code).

\`\`\`ts
const HEARTBEAT_MS = 30_000;

function heartbeat(socket: WebSocket): () => void {
  let alive = true;
  socket.addEventListener('message', () => (alive = true));
  const timer = setInterval(() => {
    if (!alive) return socket.close(4000, 'heartbeat timeout');
    alive = false;
    socket.send(JSON.stringify({ type: 'ping' }));
  }, HEARTBEAT_MS);
  return () => clearInterval(timer);
}
\`\`\`

## 2. Reconnect with backoff

Use **exponential backoff with full jitter**, so a thousand clients do not all reconnect in the same second:

1. Start at \`500 ms\`, double on every failed attempt
2. Cap the delay at \`30 s\`
3. Pick a random delay between \`0\` and the current cap
   - this is *full jitter*, described in the [AWS architecture blog](https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/)
   - it spreads the load far better than a fixed delay
4. Reset the attempt counter once a connection has stayed open for a while

\`\`\`ts
const nextDelay = (attempt: number, base = 500, cap = 30_000): number =>
  Math.random() * Math.min(cap, base * 2 ** attempt);
\`\`\`

## 3. Do not lose messages

Keep unsent messages in an **outbox** and send them again after reconnecting; give each one an id so the server can drop duplicates. Test it by killing the server:

\`\`\`bash
npm run mock -- --port 8080 &
kill %1   # the client should show "reconnecting", then recover
\`\`\`

~~Polling every second~~ is not needed once this is in place.
`,
  ],
  [
    'compare',
    `**Short answer:** for most teams, *PostgreSQL* is the safer default; pick *MongoDB* when your data really is a set of independent documents.

### Comparison

| | PostgreSQL | MongoDB | SQLite |
|---|:---:|:---:|:---:|
| Data model | Tables, JSONB | Documents | Tables |
| Transactions | **Yes**, full ACID | Yes (4.0+) | Yes |
| Joins | Fast, flexible | \`$lookup\`, slower | Yes |
| Horizontal scaling | Extensions (Citus) | Built in (sharding) | No |
| Best for | Most web apps | Event logs, catalogues | Local and embedded |

Things to weigh:
- **Schema**: Postgres enforces one; Mongo lets every document differ, which is flexible *and* a source of bugs
- **Queries**: SQL is easier to hire for; the aggregation pipeline is powerful but verbose
- **Operations**: both have good managed offerings (e.g. [Amazon RDS](https://aws.amazon.com/rds/postgresql/) and [MongoDB Atlas](https://www.mongodb.com/atlas/database))

My recommendation:
1. Start with **PostgreSQL** and use \`JSONB\` columns for the parts that are truly free-form
2. Revisit only if you hit a limit you can measure

> "Boring technology" is a feature: see Dan McKinley's [Choose Boring Technology](https://boringtechnology.club/).
`,
  ],
  [
    'plan',
    `# A two-week sleep reset

Aim for *consistency* first; the amount of sleep follows.

## Week 1: fix the schedule

- [x] Pick a wake-up time you can keep every day, weekends included
- [ ] Get **10–15 minutes of daylight** within an hour of waking
- [ ] No caffeine after **2 pm**
- [ ] Stop screens 30 minutes before bed, or at least dim them

## Week 2: tune it

1. Go to bed only when sleepy, but never later than your set time
2. If you are awake for more than about 20 minutes:
   1. get up and do something calm in dim light
   2. go back to bed when sleepy
3. Keep a short diary:
   - time in bed
   - rough time asleep
   - how rested you felt, from *1* to *5*

---

### What to avoid

- Long naps (keep them under **30 minutes**, before 3 pm)
- Alcohol as a sleep aid: it makes the second half of the night *worse*
- Checking the clock at night

If nothing improves after two weeks, talk to your GP about **CBT-I** (cognitive behavioural therapy for insomnia); the [Sleepio programme](https://www.bighealth.com/sleepio) is an NHS-approved option in some areas.
`,
  ],
  [
    'debug',
    `That error means the server closed the connection before the handshake finished. Work through these in order:

1. **Check the URL.** It must start with \`wss://\` on an HTTPS page; browsers block \`ws://\` there as mixed content.
2. **Check the token.** An expired token usually gives a \`401\` during the upgrade, which the browser reports only as a generic failure. Look at the *Network* tab:
   - filter by **WS**
   - open the failed request and read the *Status* column
3. **Check the proxy.** Nginx needs these headers for WebSockets:

   \`\`\`nginx
   location /ws/ {
     proxy_pass http://app:8080;
     proxy_http_version 1.1;
     proxy_set_header Upgrade $http_upgrade;
     proxy_set_header Connection "upgrade";
     proxy_read_timeout 3600s;
   }
   \`\`\`

4. **Check idle timeouts.** Load balancers often drop idle connections after 60 s; a heartbeat every 30 s keeps it open.

> **Tip:** \`wscat -c wss://example.com/ws/ -H "Authorization: Bearer $TOKEN"\` shows the raw status code, which is much more useful than the browser's message.

| Close code | Meaning | Retry? |
|-----------:|---------|:------:|
| 1000 | Normal closure | No |
| 1006 | Abnormal (no close frame) | Yes |
| 1008 | Policy violation (often auth) | No |
| 1011 | Server error | Yes, with backoff |

More detail is in [RFC 6455, section 7.4](https://www.rfc-editor.org/rfc/rfc6455#section-7.4) and the [nginx WebSocket proxying guide](https://nginx.org/en/docs/http/websocket.html).
`,
  ],
];
