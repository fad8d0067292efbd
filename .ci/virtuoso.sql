-- Virtuoso set up for policykg (run as dba with isql-vt, on a fresh database):
-- a user that may write (through the -auth endpoints, digest authentication), and Virtuoso's own
-- system graphs made private, so that they never join the union default graph the queries read.
-- The password here is the test fixture's; give a real one in production.
DB.DBA.USER_CREATE ('policykg', 'policykg-test');
GRANT SPARQL_UPDATE TO "policykg";
DB.DBA.RDF_GRAPH_GROUP_CREATE ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 1);
CREATE PROCEDURE policykg_hide_system_graphs () {
  FOR (SELECT DISTINCT __id2i (G) AS GRAPH_IRI FROM DB.DBA.RDF_QUAD) DO
    DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', GRAPH_IRI);
};
policykg_hide_system_graphs ();
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1);
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('policykg', 0, 1);
