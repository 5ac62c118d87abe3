/** The readable page of a subject-access export (152-FZ art. 14). Data: PersonExportView (person-export.ts). */
export default `<p style="margin:0 0 12px 0;"><%= it.lead %></p>
<% it.sections.forEach(function (s) { %>
<h2 style="margin:18px 0 6px 0;font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1d2330;"><%= s.heading %> (<%= s.rows.length %>)</h2>
<% if (!s.rows.length) { %><p style="margin:0;color:#6b7385;"><%= it.none %></p><% } else { %>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">
<tr><% s.columns.forEach(function (c) { %><td style="padding:4px 6px;border-bottom:2px solid #d9dde3;font-family:Arial,Helvetica,sans-serif;font-size:12px;font-weight:bold;color:#40485a;"><%= c %></td><% }) %></tr>
<% s.rows.forEach(function (r) { %>
<tr><% r.forEach(function (v) { %><td valign="top" style="padding:4px 6px;border-bottom:1px solid #e6e9ee;font-family:Arial,Helvetica,sans-serif;font-size:12px;color:#1d2330;"><%= v %></td><% }) %></tr>
<% }) %>
</table>
<% } %>
<% }) %>
`;
