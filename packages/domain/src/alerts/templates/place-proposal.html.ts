/** Body of the officer's mail proposing agreed places (HTML part). Data: PlaceProposalView (places/proposal-mail.ts). */
export default `<p style="margin:0 0 10px 0;"><%= it.lead %></p>
<% it.places.forEach(function (p) { %>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 12px 0;border-left:4px solid #1f5fae;">
<tr><td style="padding:6px 12px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:21px;color:#1d2330;">
<b><%= p.n %>. <%= p.organisation %></b><br><%= p.address %>
</td></tr>
<tr><td style="padding:0 12px 4px 12px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#1d2330;">
<%= it.labels.why %>: <%= p.why %>
<% if (p.kinds) { %><br><%= it.labels.kinds %>: <%= p.kinds %><% } %>
<br><b><%= it.labels.send %>:</b> <%= p.send %>
</td></tr>
<tr><td style="padding:0 12px 6px 12px;font-family:Arial,Helvetica,sans-serif;font-size:11px;line-height:16px;color:#6b7385;">
<%= it.labels.ref %>: <%= p.ref %>
</td></tr>
</table>
<% }) %>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin-top:6px;">
<tr><td style="padding:10px 12px;background-color:#fff8e5;border-left:4px solid #e0a400;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#1d2330;">
<b><%= it.todoLabel %>:</b> <%= it.todo %>
</td></tr>
</table>
`;
