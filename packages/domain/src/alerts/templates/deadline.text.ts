/** Body of a deadline alert (plain-text part). Data: DeadlineView (deadline-message.ts). */
export default `<%= it.title %>

<% it.facts.forEach(function (f) { %><%= f.label %>: <%= f.value %>
<% }) %>
<%= it.labels.todo %>: <%= it.todo %>
<% if (it.consequence) { %><%= it.labels.consequence %>: <%= it.consequence %>
<% } %>
<%= it.article %>: «<%= it.sourceText %>»
<% if (it.calendarNote) { %>
<%= it.calendarNote %>
<% } %>
--
<%= it.footer %>
`;
