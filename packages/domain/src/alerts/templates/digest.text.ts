/** Body of the officer's daily digest (plain text). Data: DigestView (digest.ts). */
export default `<%= it.title %>

<%= it.lead %>
<% it.sections.forEach(function (s) { %>
== <%= s.heading %> — <%= s.count %> ==
<% s.items.forEach(function (i) { %>* <%= i.badge %> · <%= i.who %> · <%= i.what %><% if (i.article) { %> (<%= i.article %>)<% } %>
  → <%= i.todo %>
<% }) %><% }) %>
<% if (!it.sections.length) { %><%= it.empty %>
<% } %>
--
<%= it.footer %>
`;
