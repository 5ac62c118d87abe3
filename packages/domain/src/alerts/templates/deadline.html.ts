/** Body of a deadline alert (HTML part). Data: DeadlineView (deadline-message.ts). */
export default `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">
<% it.facts.forEach(function (f) { %>
<tr>
<td valign="top" style="padding:5px 10px 5px 0;width:170px;font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#6b7385;"><%= f.label %></td>
<td valign="top" style="padding:5px 0;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1d2330;<% if (f.strong) { %>font-weight:bold;<% } %>"><%= f.value %></td>
</tr>
<% }) %>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin-top:14px;">
<tr><td style="padding:10px 12px;background-color:#fff8e5;border-left:4px solid #e0a400;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#1d2330;">
<b><%= it.labels.todo %>:</b> <%= it.todo %>
</td></tr>
</table>
<% if (it.consequence) { %>
<p style="margin:12px 0 0 0;font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#a3261b;"><b><%= it.labels.consequence %>:</b> <%= it.consequence %></p>
<% } %>
<p style="margin:14px 0 0 0;font-family:Georgia,'Times New Roman',serif;font-size:13px;line-height:19px;color:#40485a;"><%= it.article %>: «<%= it.sourceText %>»</p>
<% if (it.calendarNote) { %>
<p style="margin:12px 0 0 0;font-family:Arial,Helvetica,sans-serif;font-size:12px;color:#6b7385;"><%= it.calendarNote %></p>
<% } %>
`;
