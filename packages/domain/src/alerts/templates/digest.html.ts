/** Body of the officer's daily digest (HTML part). Data: DigestView (digest.ts). */
export default `<p style="margin:0 0 12px 0;"><%= it.lead %></p>
<% it.sections.forEach(function (s) { %>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 14px 0;border-collapse:collapse;">
<tr><td colspan="3" style="padding:6px 8px;background-color:<%= s.color %>;color:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:13px;font-weight:bold;"><%= s.heading %> — <%= s.count %></td></tr>
<% s.items.forEach(function (i) { %>
<tr>
<td valign="top" style="padding:6px 8px;width:110px;border-bottom:1px solid #e6e9ee;font-family:Arial,Helvetica,sans-serif;font-size:13px;font-weight:bold;color:<%= s.color %>;"><%= i.badge %></td>
<td valign="top" style="padding:6px 8px;border-bottom:1px solid #e6e9ee;font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#1d2330;"><b><%= i.who %></b><br><%= i.what %><% if (i.article) { %> <span style="color:#6b7385;">(<%= i.article %>)</span><% } %></td>
<td valign="top" style="padding:6px 8px;width:190px;border-bottom:1px solid #e6e9ee;font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#1d2330;"><%= i.todo %></td>
</tr>
<% }) %>
</table>
<% }) %>
<% if (!it.sections.length) { %>
<p style="margin:0;color:#2e7d32;"><%= it.empty %></p>
<% } %>
`;
