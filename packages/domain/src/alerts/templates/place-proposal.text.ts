/** Body of the officer's mail proposing agreed places (plain text). Data: PlaceProposalView (places/proposal-mail.ts). */
export default `<%= it.title %>

<%= it.lead %>

<% it.places.forEach(function (p) { %><%= p.n %>. <%= p.organisation %> — <%= p.address %>
   <%= it.labels.why %>: <%= p.why %>
<% if (p.kinds) { %>   <%= it.labels.kinds %>: <%= p.kinds %>
<% } %>   <%= it.labels.send %>: <%= p.send %>
   <%= it.labels.ref %>: <%= p.ref %>

<% }) %>
<%= it.todoLabel %>: <%= it.todo %>
--
<%= it.footer %>
`;
