import { z } from "zod";
import { pageSettingsSchema } from "../page/update-page-settings.ts";
import { SUBSCRIBER_CHANNELS } from "../subscribers/schemas.ts";
import { formDecoder, prefixed, text, versionNumber } from "./decode-form.ts";
import { SUBSCRIBE_CHANNEL, subscribeChannelField } from "./field-names.ts";

/** The page settings form. Each ticked channel box is `channel:<name>=on`; unticked ones are absent. */
export const decodePageSettings = formDecoder({
  fields: z
    .object({
      version: versionNumber,
      name: text,
      publicUrl: text,
      timeZone: text,
      brandColor: text,
      logoUrl: text,
      supportUrl: text,
      [SUBSCRIBE_CHANNEL]: prefixed(z.string()),
      mailSenderName: text,
      mailReplyTo: text,
    })
    .transform(({ [SUBSCRIBE_CHANNEL]: channels, ...fields }) => ({
      ...fields,
      subscribeChannels: SUBSCRIBER_CHANNELS.filter((channel) => channels[channel] === "on"),
    })),
  input: pageSettingsSchema,
  lists: { subscribeChannels: subscribeChannelField },
});
