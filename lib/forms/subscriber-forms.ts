import { z } from "zod";
import { addTeamChannelSchema } from "../subscribers/add-team-channel.ts";
import { subscriberIdSchema } from "../subscribers/remove-subscriber.ts";
import { formDecoder, text } from "./decode-form.ts";

// The decoders of the subscribers page (the CSV import reads its file in the action).

/** Remove, re-enable, send a test message: the subscriber the button is for. */
export const decodeSubscriberId = formDecoder({ fields: z.object({ subscriberId: text }), input: subscriberIdSchema });

export const decodeAddTeamChannel = formDecoder({
  fields: z.object({ channel: addTeamChannelSchema.shape.channel, url: text, label: text }),
  input: addTeamChannelSchema,
});
