import { z } from "zod";
import { pageSettingsSchema } from "../page/update-page-settings.ts";
import { SUBSCRIBER_CHANNELS } from "../subscribers/schemas.ts";
import { formDecoder, prefixed, text, versionNumber, withPrefixedGroup } from "./decode-form.ts";
import { SUBSCRIBE_CHANNEL, subscribeChannelField } from "./field-names.ts";

/** The page settings form. Each ticked channel box is `channel:<name>=on`; unticked ones are absent. */
export const decodePageSettings = formDecoder({
  fields: withPrefixedGroup(
    {
      version: versionNumber,
      name: text,
      publicUrl: text,
      timeZone: text,
      brandColor: text,
      logoUrl: text,
      supportUrl: text,
      mailSenderName: text,
      mailReplyTo: text,
    },
    {
      prefix: SUBSCRIBE_CHANNEL,
      read: prefixed(z.string()).transform((ticked) => SUBSCRIBER_CHANNELS.filter((channel) => ticked[channel] === "on")),
      name: "subscribeChannels",
    },
  ),
  input: pageSettingsSchema,
  lists: { subscribeChannels: subscribeChannelField },
});
