// French for AdminJS's own interface (buttons, notices, the sign-in page, the default dashboard):
// AdminJS 7 ships en, de, es, it, ja, pl, pt-BR, ua and zh-CN, not French. Give it as
// `locale.translations.fr` (with 'fr' in `availableLanguages`); the audit plugin's French is
// merged in by audit.adminOptions().
//
// Typed against AdminJS's English file, so an AdminJS upgrade that adds a text fails to compile
// here until it is translated. The file is not in AdminJS's package exports, hence the path; the
// import is type-only and leaves nothing at run time. test/app/adminjs-fr.test.ts checks the same
// against the installed JSON, placeholders and markup included.
import type adminJsEn from '../../../node_modules/adminjs/lib/locale/en/translation.json';

/** `T` with every string leaf widened to `string` (nested objects keep exactly their keys). */
type DeepStringShape<T> = T extends string ? string : { [K in keyof T]: DeepStringShape<T[K]> };

/**
 * AdminJS's English keys, plus the language selector's name for French itself (AdminJS's English
 * lists only the languages it ships).
 */
export type AdminJsTranslation = DeepStringShape<typeof adminJsEn> & {
  components: { LanguageSelector: { availableLanguages: { fr: string } } };
};

export const adminJsFr: AdminJsTranslation = {
  actions: {
    new: 'Créer',
    edit: 'Modifier',
    show: 'Afficher',
    delete: 'Supprimer',
    bulkDelete: 'Tout supprimer',
    list: 'Liste',
  },
  buttons: {
    save: 'Enregistrer',
    addNewItem: 'Ajouter un élément',
    filter: 'Filtrer',
    filterActive: 'Filtrer ({{count}})',
    applyChanges: 'Appliquer les modifications',
    resetFilter: 'Réinitialiser',
    confirmRemovalMany: 'Confirmer la suppression de {{count}} enregistrement',
    confirmRemovalMany_plural: 'Confirmer la suppression de {{count}} enregistrements',
    logout: 'Se déconnecter',
    login: 'Se connecter',
    seeTheDocumentation: 'Voir : <1>la documentation</1>',
    createFirstRecord: 'Créer le premier enregistrement',
    cancel: 'Annuler',
    confirm: 'Confirmer',
    contactUs: 'Nous contacter',
  },
  components: {
    DropZone: {
      placeholder: 'Déposez votre fichier ici ou cliquez pour parcourir',
      acceptedSize: 'Taille maximale : {{maxSize}}',
      acceptedType: 'Formats acceptés : {{mimeTypes}}',
      unsupportedSize: 'Le fichier {{fileName}} est trop volumineux',
      unsupportedType: 'Le fichier {{fileName}} est d’un type non pris en charge : {{fileType}}',
    },
    LanguageSelector: {
      availableLanguages: {
        de: 'Allemand',
        en: 'Anglais',
        es: 'Espagnol',
        fr: 'Français',
        it: 'Italien',
        ja: 'Japonais',
        pl: 'Polonais',
        'pt-BR': 'Portugais (Brésil)',
        ua: 'Ukrainien',
        'zh-CN': 'Chinois',
      },
    },
    Login: {
      welcomeHeader: 'Bienvenue',
      welcomeMessage:
        'sur AdminJS, le panneau d’administration open source de référence, généré automatiquement pour votre application Node.js, qui vous permet de gérer toutes vos données en un seul endroit',
      properties: {
        email: 'E-mail',
        password: 'Mot de passe',
      },
      loginButton: 'Se connecter',
    },
  },
  labels: {
    navigation: 'Navigation',
    pages: 'Pages',
    selectedRecords: 'Sélection ({{selected}})',
    filters: 'Filtres',
    adminVersion: 'Admin : {{version}}',
    appVersion: 'Application : {{version}}',
    dashboard: 'Tableau de bord',
  },
  properties: {
    length: 'Longueur',
    from: 'De',
    to: 'À',
  },
  resources: {},
  messages: {
    successfullyBulkDeleted: '{{count}} enregistrement supprimé',
    successfullyBulkDeleted_plural: '{{count}} enregistrements supprimés',
    successfullyDeleted: 'L’enregistrement a bien été supprimé',
    successfullyUpdated: 'L’enregistrement a bien été mis à jour',
    thereWereValidationErrors: 'Certaines valeurs ne sont pas valides : vérifiez-les ci-dessous',
    forbiddenError: 'Vous ne pouvez pas effectuer l’action {{actionName}} sur {{resourceId}}',
    anyForbiddenError: 'Vous ne pouvez pas effectuer cette action',
    successfullyCreated: 'Le nouvel enregistrement a bien été créé',
    bulkDeleteError: 'Une erreur s’est produite lors de la suppression des enregistrements. Consultez la console pour en savoir plus',
    errorFetchingRecords: 'Une erreur s’est produite lors du chargement des enregistrements. Consultez la console pour en savoir plus',
    errorFetchingRecord: 'Une erreur s’est produite lors du chargement de l’enregistrement. Consultez la console pour en savoir plus',
    noRecordsSelected: 'Vous n’avez sélectionné aucun enregistrement',
    theseRecordsWillBeRemoved: 'L’enregistrement suivant va être supprimé',
    theseRecordsWillBeRemoved_plural: 'Les enregistrements suivants vont être supprimés',
    pickSomeFirstToRemove: 'Pour supprimer des enregistrements, sélectionnez-les d’abord',
    error404Resource: 'La ressource d’identifiant {{resourceId}} est introuvable',
    error404Action: 'La ressource d’identifiant {{resourceId}} n’a pas d’action nommée {{actionName}}, ou vous n’êtes pas autorisé à l’utiliser !',
    error404Record: 'La ressource d’identifiant {{resourceId}} n’a pas d’enregistrement d’identifiant {{recordId}}, ou vous n’êtes pas autorisé à y accéder !',
    seeConsoleForMore: 'Consultez la console de développement pour plus de détails...',
    noActionComponent: 'Vous devez implémenter le composant de votre action',
    noRecordsInResource: 'Cette ressource ne contient aucun enregistrement',
    noRecords: 'Aucun enregistrement',
    confirmDelete: 'Voulez-vous vraiment supprimer cet élément ?',
    welcomeOnBoard_title: 'Bienvenue à bord !',
    welcomeOnBoard_subtitle: 'Vous faites désormais partie des nôtres ! Voici quelques conseils pour bien démarrer :',
    addingResources_title: 'Ajouter des ressources',
    addingResources_subtitle: 'Découvrez comment ajouter de nouvelles ressources à la barre latérale',
    customizeResources_title: 'Personnaliser les ressources',
    customizeResources_subtitle: 'Définissez leur comportement, leurs propriétés et plus encore...',
    customizeActions_title: 'Personnaliser les actions',
    customizeActions_subtitle: 'Modifiez les actions existantes ou ajoutez les vôtres',
    writeOwnComponents_title: 'Écrire des composants',
    writeOwnComponents_subtitle: 'Comment modifier l’apparence d’AdminJS',
    customDashboard_title: 'Tableau de bord personnalisé',
    customDashboard_subtitle: 'Découvrez comment personnaliser l’écran d’accueil d’AdminJS',
    roleBasedAccess_title: 'Contrôle d’accès basé sur les rôles',
    roleBasedAccess_subtitle: 'Définissez les droits d’accès des utilisateurs d’AdminJS',
    community_title: 'Rejoignez la communauté Discord',
    community_subtitle: 'Échangez avec les créateurs d’AdminJS et avec d’autres utilisateurs',
    foundBug_title: 'Vous avez trouvé un bug ? Une amélioration à proposer ?',
    foundBug_subtitle: 'Ouvrez un ticket sur notre dépôt GitHub',
    needMoreSolutions_title: 'Besoin de solutions plus avancées ?',
    needMoreSolutions_subtitle: 'Nous concevons pour vous une UX/UI soignée et des logiciels sur mesure, basés (entre autres) sur AdminJS',
    invalidCredentials: 'E-mail ou mot de passe incorrect',
    keyPlaceholder: 'CLÉ',
    valuePlaceholder: 'VALEUR',
    initialKey: 'Clé-{{number}}',
    keyInUse: 'Les clés d’un objet doivent être uniques',
    keyValuePropertyDefaultDescription: 'Toutes les valeurs sont stockées sous forme de texte. Les clés doivent être uniques : une clé en double ne sera pas enregistrée.',
    pageNotFound_title: 'Page introuvable',
    pageNotFound_subtitle: 'La page <strong>« {{pageName}} »</strong> n’existe pas',
    componentNotFound_title: 'Aucun composant indiqué',
    componentNotFound_subtitle: 'Vous devez indiquer le composant qui affichera cet élément',
  },
};
