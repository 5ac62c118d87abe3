/** Body of several alerts of one case sent as one mail (HTML part). Data: GroupView (render-job.ts). */
export default `<p style="margin:0 0 12px 0;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1d2330;"><%= it.lead %></p>
<% it.parts.forEach(function (p, i) { %>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:<%= i ? '18px' : '0' %> 0 0 0;border-collapse:collapse;">
<tr><td style="padding:8px 10px;background-color:#f6f7f9;border-left:4px solid <%= p.accent %>;font-family:Arial,Helvetica,sans-serif;font-size:15px;font-weight:bold;color:#1d2330;"><%= i + 1 %>. <%= p.title %></td></tr>
<tr><td style="padding:8px 0 0 0;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#1d2330;">
<% if (p.body) { %><%~ p.body %><% } else { %><% p.lines.forEach(function (l) { %><%= l %><br>
<% }) %><% } %>
</td></tr>
</table>
<% }) %>
<% if (it.calendarNote) { %>
<p style="margin:14px 0 0 0;font-family:Arial,Helvetica,sans-serif;font-size:12px;color:#6b7385;"><%= it.calendarNote %></p>
<% } %>
`;
