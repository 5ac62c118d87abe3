/** Body of the head's notice that an alert bounced (plain text). Data: BounceView (bounce.ts). */
export default `<%= it.title %>

<%= it.lead %>

<% it.facts.forEach(function (f) { %><%= f.label %>: <%= f.value %>
<% }) %>
<%= it.todoLabel %>: <%= it.todo %>
<% if (it.admin) { %>
<%= it.admin %>
<% } %>
--
<%= it.footer %>
`;
