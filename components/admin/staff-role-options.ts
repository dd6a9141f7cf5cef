/** The roles a staff account may have, as the staff forms offer them. */
export const STAFF_ROLE_OPTIONS = [
  { value: "editor", label: "Editor: incidents, postmortems, components" },
  { value: "admin", label: "Admin: also staff and page settings" },
] as const;
