/** Body of the head's notice that an alert bounced (HTML part). Data: BounceView (bounce.ts). */
export default `<p style="margin:0 0 10px 0;"><%= it.lead %></p>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
<% it.facts.forEach(function (f) { %>
<tr>
<td valign="top" style="padding:4px 10px 4px 0;width:170px;font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#6b7385;"><%= f.label %></td>
<td valign="top" style="padding:4px 0;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1d2330;"><%= f.value %></td>
</tr>
<% }) %>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin-top:14px;">
<tr><td style="padding:10px 12px;background-color:#fff8e5;border-left:4px solid #e0a400;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#1d2330;">
<b><%= it.todoLabel %>:</b> <%= it.todo %>
</td></tr>
</table>
<% if (it.admin) { %>
<p style="margin:12px 0 0 0;font-family:Arial,Helvetica,sans-serif;font-size:11px;color:#8a91a0;"><%= it.admin %></p>
<% } %>
`;
