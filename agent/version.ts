/** Version of the cefleet agent, sent with every heartbeat. */
export const AGENT_VERSION = "1.0.0";
