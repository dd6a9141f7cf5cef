import type { MessageSummary } from "./summary.ts";
import { TONE_COLOURS } from "./summary.ts";

// Slack, Discord and Microsoft Teams each in their own format for incoming webhooks, with the
// status colour, the update's words and a link to the page.

const SLACK_TEXT_LIMIT = 2900;
const DISCORD_DESCRIPTION_LIMIT = 4000;

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** Slack's mrkdwn: its own escaping, `*bold*`, `<url|text>` links. */
export function toSlackMrkdwn(markdown: string): string {
  return markdown
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_match, text: string, url: string) =>
      /^(https?:|mailto:)/.test(url) ? `<${url}|${text}>` : text,
    )
    .replace(/\*\*([^*]+)\*\*/g, "*$1*")
    .replace(/^#{1,6}\s+(.*)$/gm, "*$1*");
}

export function slackMessage(summary: MessageSummary): object {
  const fallback = `${summary.title}: ${summary.statusLabel}`;
  const blocks: object[] = [
    { type: "header", text: { type: "plain_text", text: clip(summary.title, 150), emoji: false } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: clip(
          `*${toSlackMrkdwn(summary.statusLabel)}* · ${summary.when}\n${toSlackMrkdwn(summary.markdown)}`,
          SLACK_TEXT_LIMIT,
        ),
      },
    },
  ];
  if (summary.componentLines.length) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: clip(toSlackMrkdwn(summary.componentLines.join("\n")), 2000) }],
    });
  }
  blocks.push({
    type: "actions",
    elements: [{ type: "button", text: { type: "plain_text", text: "View on the status page" }, url: summary.url }],
  });
  return { text: fallback, attachments: [{ color: TONE_COLOURS[summary.tone], blocks }] };
}

export function discordMessage(summary: MessageSummary): object {
  const fields = [
    { name: "Status", value: summary.statusLabel, inline: true },
    { name: "When", value: summary.when, inline: true },
  ];
  if (summary.componentLines.length)
    fields.push({ name: "Components", value: clip(summary.componentLines.join("\n"), 1000), inline: false });
  return {
    // Nobody's @everyone or role mention in an update should ping a whole Discord server.
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: clip(summary.title, 256),
        url: summary.url,
        description: clip(summary.markdown, DISCORD_DESCRIPTION_LIMIT),
        color: Number.parseInt(TONE_COLOURS[summary.tone].slice(1), 16),
        fields,
      },
    ],
  };
}

const TEAMS_COLOURS: Record<MessageSummary["tone"], string> = {
  critical: "Attention",
  major: "Attention",
  minor: "Warning",
  maintenance: "Accent",
  good: "Good",
  info: "Default",
};

export function teamsMessage(summary: MessageSummary): object {
  const facts = [
    { title: "Status", value: summary.statusLabel },
    { title: "When", value: summary.when },
  ];
  if (summary.componentLines.length) facts.push({ title: "Components", value: summary.componentLines.join(", ") });
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            {
              type: "TextBlock",
              text: summary.title,
              weight: "Bolder",
              size: "Medium",
              wrap: true,
              color: TEAMS_COLOURS[summary.tone],
            },
            { type: "FactSet", facts },
            ...(summary.markdown ? [{ type: "TextBlock", text: clip(summary.markdown, 8000), wrap: true }] : []),
          ],
          actions: [{ type: "Action.OpenUrl", title: "View on the status page", url: summary.url }],
        },
      },
    ],
  };
}
