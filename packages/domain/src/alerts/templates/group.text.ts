/** Body of several alerts of one case sent as one mail (plain text). Data: GroupView (render-job.ts). */
export default `<%= it.title %>

<%= it.lead %>
<% it.parts.forEach(function (p, i) { %>
== <%= i + 1 %>. <%= p.title %> ==
<%= p.text %>
<% }) %>
<% if (it.calendarNote) { %><%= it.calendarNote %>
<% } %>
--
<%= it.footer %>
`;
